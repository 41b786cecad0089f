# y - p for p - y: the gradient points uphill.
EXPECT = {"check": "weighted_cross_entropy_grad/values", "says": "the sign flipped",
          "also": ["weighted_cross_entropy_grad/matches-own-loss", "weighted_cross_entropy_grad/weights-any-scale",
                   "weighted_cross_entropy_grad/large-logits", "weighted_cross_entropy_grad/inputs-unchanged"]}


def weighted_cross_entropy_grad(theta, X, y, weights):
    if not np.sum(weights) > 0:
        raise ValueError("weights sum to 0")
    p = np.exp(-np.logaddexp(0.0, -(X @ theta)))
    return X.T @ (weights * (y - p)) / np.sum(weights)
