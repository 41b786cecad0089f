# eigh sorts ascending, so the first k are the SMALLEST variances.
EXPECT = {"check": "pca/explained-variance", "says": "the k smallest eigenvalues",
          "affects": ["explained_variance_ratio", "pca_2d"]}


def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    return W[:, :k].T, lam[:k]
