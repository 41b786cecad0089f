# np.log(np.sum(weights * densities)): log(0) = -inf for a user far from every component.
EXPECT = {"check": "gmm_log_likelihood/far-points", "says": "stay in log space",
          "passes": ["gmm_log_likelihood/values", "gmm_log_likelihood/shapes"]}


def gmm_log_likelihood(X, weights, means, covs):
    p = sum(weights[k] * np.exp(gaussian_log_density(X, means[k], covs[k])) for k in range(len(weights)))
    return float(np.sum(np.log(p)))
