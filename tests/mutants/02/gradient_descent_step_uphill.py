EXPECT = {"check": "gradient_descent_step/one-step", "says": "a step uphill"}


def gradient_descent_step(w, X, y, lr):
    return w + lr * 2 * X.T @ (X @ w - y) / X.shape[0]
