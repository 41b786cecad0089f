# log det cov taken whole: the 1/2 of det(cov) ** (-1/2) forgotten.
EXPECT = {"check": "gaussian_log_density/values", "says": "log det cov without its 1/2",
          "affects": ["e_step", "m_step", "gmm_log_likelihood"]}


def gaussian_log_density(X, mean, cov):
    diff = np.asarray(X, dtype=float) - mean
    maha = np.sum(diff @ np.linalg.inv(cov) * diff, axis=1)
    sign, logdet = np.linalg.slogdet(cov)
    return -0.5 * maha - logdet - 0.5 * len(mean) * np.log(2 * np.pi)
