# One user at a time, shifting each user's log-joint by its own max before exponentiating.


def e_step(X, weights, means, covs):
    K = len(weights)
    logp = np.stack([gaussian_log_density(X, means[k], covs[k]) for k in range(K)], axis=1) + np.log(weights)
    R = np.empty_like(logp)
    for n in range(len(X)):
        e = np.exp(logp[n] - logp[n].max())
        R[n] = e / e.sum()
    return R
