# The variances sorted, the eigenvectors not: each row no longer goes with its variance.
EXPECT = {"check": "pca/component-order", "says": "row 0 of components is not principal axis 0",
          "affects": ["pca_2d"]}


def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    return W[:, -k:].T, lam[::-1][:k]
