EXPECT = {"check": "gradient_descent_step/one-step", "says": "the gradient lacks the 1/N of the mean"}


def gradient_descent_step(w, X, y, lr):
    return w - lr * 2 * X.T @ (X @ w - y)
