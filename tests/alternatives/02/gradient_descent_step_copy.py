def gradient_descent_step(w, X, y, lr):
    w = w.copy()
    w -= lr * 2 * X.T @ (X @ w - y) / X.shape[0]
    return w
