# The average log-likelihood per user, not the sum.
EXPECT = {"check": "gmm_log_likelihood/values", "says": "the mean over users, not the sum"}


def gmm_log_likelihood(X, weights, means, covs):
    a = np.column_stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k]) for k in range(len(weights))])
    return float(np.mean(logsumexp(a, axis=1)))
