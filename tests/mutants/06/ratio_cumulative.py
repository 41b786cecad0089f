EXPECT = {"check": "explained_variance_ratio/values", "says": "the cumulative ratio"}


def explained_variance_ratio(X, k):
    _, variances = pca(X, k)
    return np.cumsum(variances) / np.trace(covariance(X))
