# The log-sum-exp written inline per user, with np.max(..., keepdims=True).


def gmm_log_likelihood(X, weights, means, covs):
    a = np.log(weights)[None, :] + np.stack([gaussian_log_density(X, m, c) for m, c in zip(means, covs)], axis=1)
    top = a.max(axis=1, keepdims=True)
    return float(np.sum(top[:, 0] + np.log(np.exp(a - top).sum(axis=1))))
