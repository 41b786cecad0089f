# "A small ridge for stability", added to the caller's covariances in place.
EXPECT = {"check": "gmm_log_likelihood/inputs-unchanged", "says": "modified its argument `covs` in place",
          "passes": ["gmm_log_likelihood/values"]}


def gmm_log_likelihood(X, weights, means, covs):
    covs += 1e-9 * np.eye(covs.shape[-1])
    a = np.column_stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k]) for k in range(len(weights))])
    return float(np.sum(logsumexp(a, axis=1)))
