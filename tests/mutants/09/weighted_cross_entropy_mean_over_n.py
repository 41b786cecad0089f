# np.mean of the weighted losses: divided by N, not by the total weight.
EXPECT = {"check": "weighted_cross_entropy/values", "says": "divided by N instead of sum(weights)",
          "also": ["weighted_cross_entropy/weights-any-scale", "weighted_cross_entropy/duplicated-rows",
                   "weighted_cross_entropy/large-logits", "weighted_cross_entropy/inputs-unchanged"]}


def weighted_cross_entropy(theta, X, y, weights):
    if not np.sum(weights) > 0:
        raise ValueError("weights sum to 0")
    z = X @ theta
    return np.mean(weights * (np.logaddexp(0.0, z) - y * z))
