# The general formula 1/2 (A + A.T) w - b: equal for symmetric A; the loss via w @ (A @ w).
def quadratic_loss(A, b, w):
    return (w @ (A @ w)) / 2 - w @ b


def quadratic_gradient(A, b, w):
    return 0.5 * (A + A.T) @ w - b
