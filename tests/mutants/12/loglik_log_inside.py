# log of a sum taken as a sum of logs.
EXPECT = {"check": "gmm_log_likelihood/values", "says": "the log inside the sum over k"}


def gmm_log_likelihood(X, weights, means, covs):
    return float(sum(np.sum(np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k])) for k in range(len(weights))))
