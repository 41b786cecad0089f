# The SVD route, but returning the singular values instead of the variances s**2 / (N - 1).
EXPECT = {"check": "pca/explained-variance", "says": "singular values of Xc, not variances",
          "affects": ["explained_variance_ratio", "pca_2d"]}


def pca(X, k):
    Xc = X - X.mean(axis=0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:k], s[:k]
