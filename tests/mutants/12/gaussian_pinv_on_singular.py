# pinv and |det| "to be safe": a singular or indefinite covariance quietly gets a number.
EXPECT = {"check": "gaussian_log_density/singular-cov", "says": "ValueError",
          "passes": ["gaussian_log_density/values", "gaussian_log_density/far-points"]}


def gaussian_log_density(X, mean, cov):
    diff = np.asarray(X, dtype=float) - mean
    maha = np.sum(diff @ np.linalg.pinv(cov) * diff, axis=1)
    logdet = np.log(abs(np.linalg.det(cov)) + 1e-300)
    return -0.5 * maha - 0.5 * logdet - 0.5 * len(mean) * np.log(2 * np.pi)
