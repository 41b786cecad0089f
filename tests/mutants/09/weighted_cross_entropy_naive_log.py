# log(p) and log(1 - p) of the sigmoid: log(0) once p rounds to 1.0.
EXPECT = {"check": "weighted_cross_entropy/large-logits", "says": "divide by zero",
          "passes": ["weighted_cross_entropy/values"]}


def weighted_cross_entropy(theta, X, y, weights):
    if not np.sum(weights) > 0:
        raise ValueError("weights sum to 0")
    p = 1 / (1 + np.exp(-(X @ theta)))
    return -np.sum(weights * (y * np.log(p) + (1 - y) * np.log(1 - p))) / np.sum(weights)
