# No check for zero total weight: 0 / 0 gives nan.
EXPECT = {"check": "weighted_cross_entropy/zero-weights", "says": "ValueError", "passes": ["weighted_cross_entropy/values"]}


def weighted_cross_entropy(theta, X, y, weights):
    z = X @ theta
    return np.sum(weights * (np.logaddexp(0.0, z) - y * z)) / np.sum(weights)
