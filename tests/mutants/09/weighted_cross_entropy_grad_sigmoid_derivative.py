# dl/dp times dp/dz, with dl/dp taken as (p - y): p (1 - p) left in.
EXPECT = {"check": "weighted_cross_entropy_grad/values", "says": "p (1 - p) left in"}


def weighted_cross_entropy_grad(theta, X, y, weights):
    if not np.sum(weights) > 0:
        raise ValueError("weights sum to 0")
    p = np.exp(-np.logaddexp(0.0, -(X @ theta)))
    return X.T @ (weights * (p - y) * p * (1 - p)) / np.sum(weights)
