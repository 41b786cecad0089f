# The SVD route, but U without the singular values.
EXPECT = {"check": "pca_2d/coordinates", "says": "U alone"}


def pca_2d(X):
    U, s, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    return U[:, :2]
