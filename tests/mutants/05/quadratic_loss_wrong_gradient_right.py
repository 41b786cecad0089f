# Gradient right, loss wrong: the loss loses its points; the gradient keeps full marks, and its
# finite-difference check says in a note (not counted) that the loss is the one to fix.
EXPECT = {"check": "quadratic_loss/values", "says": "wrong value", "note": ("quadratic_gradient/matches-loss", "quadratic_loss is the one to fix")}


def quadratic_loss(A, b, w):
    return float(0.5 * w @ A @ w + b @ w)
