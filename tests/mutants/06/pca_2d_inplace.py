EXPECT = {"check": "pca_2d/input-unchanged", "says": "modified its argument `X` in place"}


def pca_2d(X):
    X -= X.mean(axis=0)
    components, _ = pca(X, 2)
    return X @ components.T
