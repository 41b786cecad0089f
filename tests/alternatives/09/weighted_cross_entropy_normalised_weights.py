# The weights normalised to sum 1 first (a new array), the loss then a plain weighted sum;
# the gradient by a loop over users with a stable sigmoid written with np.where.
def weighted_cross_entropy(theta, X, y, weights):
    total = float(np.sum(weights))
    if total <= 0:
        raise ValueError("the weights sum to 0")
    a = np.asarray(weights, dtype=float) / total
    z = X @ theta
    log_p = -np.logaddexp(0.0, -z)           # log sigmoid(z)
    log_1mp = -np.logaddexp(0.0, z)          # log (1 - sigmoid(z))
    return -np.sum(a * (y * log_p + (1 - y) * log_1mp))


def weighted_cross_entropy_grad(theta, X, y, weights):
    total = float(np.sum(weights))
    if total <= 0:
        raise ValueError("the weights sum to 0")
    grad = np.zeros(len(theta))
    for x_n, y_n, w_n in zip(np.asarray(X, float), y, weights):
        z = x_n @ theta
        e = np.exp(-abs(z))
        p = 1 / (1 + e) if z >= 0 else e / (1 + e)
        grad += w_n * (p - y_n) * x_n
    return grad / total
