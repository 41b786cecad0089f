# Shares relative to the first component instead of to the total.
EXPECT = {"check": "explained_variance_ratio/values", "says": "not by the total"}


def explained_variance_ratio(X, k):
    _, variances = pca(X, k)
    return variances / variances[0]
