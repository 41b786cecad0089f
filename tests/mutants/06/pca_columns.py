# Components left as eigh's columns: (D, k) instead of (k, D).
EXPECT = {"check": "pca/explained-variance", "says": "COLUMNS of W", "affects": ["explained_variance_ratio", "pca_2d"]}


def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    order = np.argsort(lam)[::-1][:k]
    return W[:, order], lam[order]
