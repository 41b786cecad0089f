# np.squeeze before the log-sum-exp over axis 1: one component (K = 1) leaves no axis 1.
EXPECT = {"check": "gmm_log_likelihood/shapes", "says": "axis", "passes": ["gmm_log_likelihood/values"]}


def gmm_log_likelihood(X, weights, means, covs):
    a = np.squeeze(np.column_stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k])
                                    for k in range(len(weights))]))
    return float(np.sum(logsumexp(a, axis=1)))
