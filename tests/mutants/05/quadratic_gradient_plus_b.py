EXPECT = {"check": "quadratic_gradient/values", "says": "A @ w + b", "affects": ["gd_to_tolerance"]}


def quadratic_gradient(A, b, w):
    return A @ w + b
