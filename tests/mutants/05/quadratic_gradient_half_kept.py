EXPECT = {"check": "quadratic_gradient/values", "says": "the 1/2 kept", "affects": ["gd_to_tolerance"],
          "also": ["quadratic_gradient/matches-loss"]}


def quadratic_gradient(A, b, w):
    return 0.5 * A @ w - b
