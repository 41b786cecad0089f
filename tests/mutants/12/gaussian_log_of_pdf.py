# The textbook density, then np.log of it: right near the mean, log(0) = -inf far away.
EXPECT = {"check": "gaussian_log_density/far-points", "says": "stay in log space",
          "passes": ["gaussian_log_density/values", "gaussian_log_density/shapes"],
          "affects": ["e_step", "m_step", "gmm_log_likelihood"]}


def gaussian_log_density(X, mean, cov):
    diff = np.asarray(X, dtype=float) - mean
    maha = np.sum(diff @ np.linalg.inv(cov) * diff, axis=1)
    pdf = np.exp(-0.5 * maha) / np.sqrt((2 * np.pi) ** len(mean) * np.linalg.det(cov))
    return np.log(pdf)
