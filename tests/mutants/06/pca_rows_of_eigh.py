# Right shape, wrong vectors: eigh's eigenvectors are its columns, not its rows.
EXPECT = {"check": "pca/subspace", "says": "rows of eigh's W taken as eigenvectors", "affects": ["pca_2d"]}


def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    order = np.argsort(lam)[::-1][:k]
    return W[order], lam[order]
