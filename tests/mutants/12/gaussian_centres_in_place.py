# X -= mean centres the caller's array.
EXPECT = {"check": "gaussian_log_density/inputs-unchanged", "says": "modified its argument `X` in place",
          "passes": ["gaussian_log_density/values"], "affects": ["e_step", "m_step", "gmm_log_likelihood"]}


def gaussian_log_density(X, mean, cov):
    if X.dtype.kind == "f":
        X -= mean
        diff = X
    else:
        diff = X - mean
    L = np.linalg.cholesky(cov)
    z = np.linalg.solve(L, diff.T)
    return -0.5 * np.sum(z**2, axis=0) - np.sum(np.log(np.diag(L))) - 0.5 * len(mean) * np.log(2 * np.pi)
