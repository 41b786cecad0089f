# The plain mean cross-entropy: the weights are checked, then forgotten.
EXPECT = {"check": "weighted_cross_entropy/values", "says": "the weights ignored",
          "also": ["weighted_cross_entropy/duplicated-rows"]}


def weighted_cross_entropy(theta, X, y, weights):
    if not np.sum(weights) > 0:
        raise ValueError("weights sum to 0")
    z = X @ theta
    return np.mean(np.logaddexp(0.0, z) - y * z)
