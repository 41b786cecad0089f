# No check for zero total weight.
EXPECT = {"check": "weighted_cross_entropy_grad/zero-weights", "says": "ValueError",
          "passes": ["weighted_cross_entropy_grad/values"]}


def weighted_cross_entropy_grad(theta, X, y, weights):
    p = np.exp(-np.logaddexp(0.0, -(X @ theta)))
    return X.T @ (weights * (p - y)) / np.sum(weights)
