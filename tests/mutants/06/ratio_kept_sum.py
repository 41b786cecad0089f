# Normalised by the kept variances: the ratios always sum to 1, whatever k is.
EXPECT = {"check": "explained_variance_ratio/values", "says": "divided by the sum of the k kept variances"}


def explained_variance_ratio(X, k):
    _, variances = pca(X, k)
    return variances / variances.sum()
