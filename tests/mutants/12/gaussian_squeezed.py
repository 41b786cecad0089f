# np.squeeze "to tidy the shapes": with one feature (D = 1) the (N, 1) deviations lose their feature axis.
EXPECT = {"check": "gaussian_log_density/shapes", "says": "one feature (D = 1)", "passes": ["gaussian_log_density/values"],
          "affects": ["e_step", "m_step", "gmm_log_likelihood"]}


def gaussian_log_density(X, mean, cov):
    diff = np.squeeze(np.asarray(X, dtype=float) - mean)
    solved = np.linalg.solve(cov, diff.T)
    maha = np.sum(diff.T * solved, axis=0)
    return -0.5 * maha - 0.5 * np.linalg.slogdet(cov)[1] - 0.5 * len(mean) * np.log(2 * np.pi)
