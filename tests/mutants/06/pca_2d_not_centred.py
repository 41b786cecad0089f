EXPECT = {"check": "pca_2d/coordinates", "says": "the data was not centred"}


def pca_2d(X):
    components, _ = pca(X, 2)
    return X @ components.T
