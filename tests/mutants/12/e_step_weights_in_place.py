# np.log(weights, out=weights) "to save memory": right values, the caller's weights are now logs.
EXPECT = {"check": "e_step/inputs-unchanged", "says": "modified its argument `weights` in place",
          "passes": ["e_step/values"], "affects": ["m_step"]}


def e_step(X, weights, means, covs):
    log_w = np.log(weights, out=weights)
    a = np.column_stack([log_w[k] + gaussian_log_density(X, means[k], covs[k]) for k in range(len(log_w))])
    return np.exp(a - logsumexp(a, axis=1)[:, None])
