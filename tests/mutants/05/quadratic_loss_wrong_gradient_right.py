# Gradient right, loss wrong: the finite-difference check points at the loss.
EXPECT = {"check": "quadratic_gradient/matches-loss", "says": "quadratic_loss is the one to fix", "affects": ["quadratic_gradient"]}


def quadratic_loss(A, b, w):
    return float(0.5 * w @ A @ w + b @ w)
