def covariance(X):
    return np.atleast_2d(np.cov(X, rowvar=False))
