# U * s from the SVD of the centred data: the same coordinates, with the SVD's own signs.
def pca_2d(X):
    U, s, Vt = np.linalg.svd(X - X.mean(axis=0), full_matrices=False)
    return U[:, :2] * s[:2]
