# The general rule d/dw (1/2 w.T A w) = 1/2 (A + A.T) w, with A + A.T formed in place in A.
EXPECT = {"check": "quadratic_gradient/inputs-unchanged", "says": "modified its argument `A` in place",
          "affects": ["gd_to_tolerance"],
          "passes": ["quadratic_gradient/values", "quadratic_gradient/matches-loss"]}


def quadratic_gradient(A, b, w):
    A += A.T
    return 0.5 * A @ w - b
