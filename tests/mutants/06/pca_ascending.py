# The k largest, but in eigh's ascending order.
EXPECT = {"check": "pca/explained-variance", "says": "the k largest eigenvalues in ascending order",
          "affects": ["explained_variance_ratio", "pca_2d"]}


def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    return W[:, -k:].T, lam[-k:]
