EXPECT = {"check": "pca/input-unchanged", "says": "modified its argument `X` in place",
          "affects": ["explained_variance_ratio", "pca_2d"]}


def pca(X, k):
    X -= X.mean(axis=0)
    lam, W = np.linalg.eigh(X.T @ X / (X.shape[0] - 1))
    order = np.argsort(lam)[::-1][:k]
    return W[:, order].T, lam[order]
