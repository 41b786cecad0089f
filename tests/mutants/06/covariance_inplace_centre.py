# Centring in place: right values, but the caller's X is now centred too.
EXPECT = {"check": "covariance/input-unchanged", "says": "modified its argument `X` in place",
          "affects": ["pca", "explained_variance_ratio", "pca_2d"]}


def covariance(X):
    X -= X.mean(axis=0)
    return X.T @ X / (X.shape[0] - 1)
