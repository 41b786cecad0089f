# Returns the step it takes, lr * grad, not the new w: at the minimum that is about 0, not w.
EXPECT = {"check": "gradient_descent_step/at-the-minimum", "says": "it returns the step lr * grad, not the new w",
          "also": ["gradient_descent_step/one-step"]}


def gradient_descent_step(w, X, y, lr):
    grad = 2 * X.T @ (X @ w - y) / y.size
    return lr * grad
