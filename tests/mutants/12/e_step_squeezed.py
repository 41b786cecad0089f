# np.squeeze on the way out: one component (K = 1) gives shape (N,), not (N, 1).
EXPECT = {"check": "e_step/shapes", "says": "shape", "passes": ["e_step/values", "e_step/far-points"],
          "affects": ["m_step"]}


def e_step(X, weights, means, covs):
    a = np.column_stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k]) for k in range(len(weights))])
    return np.squeeze(np.exp(a - logsumexp(a, axis=1)[:, None]))
