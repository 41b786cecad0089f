# 1 / (1 + exp(-z)): exp(800) overflows (the value survives, the warning says so).
EXPECT = {"check": "weighted_cross_entropy_grad/large-logits", "says": "overflow",
          "passes": ["weighted_cross_entropy_grad/values"]}


def weighted_cross_entropy_grad(theta, X, y, weights):
    if not np.sum(weights) > 0:
        raise ValueError("weights sum to 0")
    p = 1 / (1 + np.exp(-(X @ theta)))
    return X.T @ (weights * (p - y)) / np.sum(weights)
