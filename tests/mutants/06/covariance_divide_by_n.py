# np.mean of the products: divides by N, not N - 1 as np.cov does.
EXPECT = {"check": "covariance/values", "says": "divided by N instead of N - 1",
          "affects": ["pca", "explained_variance_ratio", "pca_2d"]}


def covariance(X):
    Xc = X - X.mean(axis=0)
    return Xc.T @ Xc / X.shape[0]
