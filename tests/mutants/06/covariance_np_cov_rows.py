# np.cov's default treats each ROW as a variable: the (N, N) covariance of the users.
EXPECT = {"check": "covariance/values", "says": "np.cov(X) treats rows as variables",
          "affects": ["pca", "explained_variance_ratio", "pca_2d"]}


def covariance(X):
    return np.cov(X)
