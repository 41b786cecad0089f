EXPECT = {"check": "explained_variance_ratio/values", "says": "the data was not centred"}


def explained_variance_ratio(X, k):
    X = np.asarray(X, dtype=float)
    lam = np.sort(np.linalg.eigvalsh(X.T @ X))[::-1]
    return lam[:k] / lam.sum()
