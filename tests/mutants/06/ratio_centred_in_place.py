# Centres with `X -= X.mean(axis=0)` before the SVD: the ratios are right, the caller's X is not.
EXPECT = {"check": "explained_variance_ratio/input-unchanged", "says": "modified its argument `X` in place",
          "passes": ["explained_variance_ratio/values"]}


def explained_variance_ratio(X, k):
    X -= X.mean(axis=0)
    s = np.linalg.svd(X, compute_uv=False)
    return (s ** 2 / np.sum(s ** 2))[:k]
