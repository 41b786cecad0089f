# The 1/2 folded into A with `A *= 0.5`: the loss is right, but the caller's A is halved.
EXPECT = {"check": "quadratic_loss/inputs-unchanged", "says": "modified its argument `A` in place",
          "passes": ["quadratic_loss/values"]}


def quadratic_loss(A, b, w):
    A *= 0.5
    return float(w @ A @ w - b @ w)
