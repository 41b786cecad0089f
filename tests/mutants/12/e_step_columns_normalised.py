# Normalised down each column: each component's responsibilities sum to 1 over the users.
EXPECT = {"check": "e_step/values", "says": "axis=0", "affects": ["m_step"]}


def e_step(X, weights, means, covs):
    a = np.column_stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k]) for k in range(len(weights))])
    return np.exp(a - logsumexp(a, axis=0)[None, :])
