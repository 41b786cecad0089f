EXPECT = {"check": "quadratic_loss/values", "says": "the 1/2 is missing", "affects": ["quadratic_gradient"]}


def quadratic_loss(A, b, w):
    return float(w @ A @ w - b @ w)
