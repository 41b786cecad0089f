# The weights normalised in place to sum 1: the right loss, the caller's weights changed.
EXPECT = {"check": "weighted_cross_entropy/inputs-unchanged", "says": "modified its argument `weights` in place",
          "passes": ["weighted_cross_entropy/values"]}


def weighted_cross_entropy(theta, X, y, weights):
    if not np.sum(weights) > 0:
        raise ValueError("weights sum to 0")
    weights /= weights.sum()
    z = X @ theta
    return np.sum(weights * (np.logaddexp(0.0, z) - y * z))
