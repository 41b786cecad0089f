EXPECT = {"check": "pca/explained-variance", "says": "the data was not centred",
          "affects": ["explained_variance_ratio", "pca_2d"]}


def pca(X, k):
    X = np.asarray(X, dtype=float)
    lam, W = np.linalg.eigh(X.T @ X / (X.shape[0] - 1))
    order = np.argsort(lam)[::-1][:k]
    return W[:, order].T, lam[order]
