EXPECT = {"check": "gradient_descent_step/w-unchanged", "says": "modified its argument `w` in place"}


def gradient_descent_step(w, X, y, lr):
    w -= lr * 2 * X.T @ (X @ w - y) / X.shape[0]
    return w
