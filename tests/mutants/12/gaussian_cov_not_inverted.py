# The quadratic form with cov itself, as if the formula read (x - mean) @ cov @ (x - mean).
EXPECT = {"check": "gaussian_log_density/values", "says": "cov where its inverse belongs",
          "affects": ["e_step", "m_step", "gmm_log_likelihood"]}


def gaussian_log_density(X, mean, cov):
    diff = np.asarray(X, dtype=float) - mean
    maha = np.sum(diff @ cov * diff, axis=1)
    return -0.5 * maha - 0.5 * np.linalg.slogdet(cov)[1] - 0.5 * len(mean) * np.log(2 * np.pi)
