# Each axis divided by its standard deviation: the picture loses which direction dominates.
EXPECT = {"check": "pca_2d/coordinates", "says": "whitened coordinates"}


def pca_2d(X):
    components, variances = pca(X, 2)
    return (X - X.mean(axis=0)) @ components.T / np.sqrt(variances)
