# "Total variance" read as the variance of the sum of all features: every covariance counted too.
EXPECT = {"check": "explained_variance_ratio/values", "says": "the diagonal of S"}


def explained_variance_ratio(X, k):
    _, variances = pca(X, k)
    return variances / np.sum(covariance(X))
