def gradient_descent_step(w, X, y, lr):
    r = X @ w - y
    return w - lr * (2.0 / len(y)) * (r @ X)
