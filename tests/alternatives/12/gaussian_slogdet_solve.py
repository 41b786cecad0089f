# slogdet for log det cov and solve for the quadratic form, with the sign checked by hand.


def gaussian_log_density(X, mean, cov):
    sign, logdet = np.linalg.slogdet(cov)
    if sign <= 0:
        raise ValueError("cov must be positive definite")
    diff = np.asarray(X, dtype=float) - mean
    maha = np.einsum("nd,nd->n", diff, np.linalg.solve(cov, diff.T).T)
    return -0.5 * (maha + logdet + len(mean) * np.log(2 * np.pi))
