# The second moment, not the covariance: the means were never subtracted.
EXPECT = {"check": "covariance/values", "says": "the data was not centred",
          "affects": ["pca", "explained_variance_ratio", "pca_2d"]}


def covariance(X):
    X = np.asarray(X, dtype=float)
    return X.T @ X / (X.shape[0] - 1)
