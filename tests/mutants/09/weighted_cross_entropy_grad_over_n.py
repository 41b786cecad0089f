# The gradient divided by N while the loss divides by sum(w).
EXPECT = {"check": "weighted_cross_entropy_grad/values", "says": "divided by N instead of sum(weights)",
          "also": ["weighted_cross_entropy_grad/weights-any-scale"]}


def weighted_cross_entropy_grad(theta, X, y, weights):
    if not np.sum(weights) > 0:
        raise ValueError("weights sum to 0")
    p = np.exp(-np.logaddexp(0.0, -(X @ theta)))
    return X.T @ (weights * (p - y)) / len(y)
