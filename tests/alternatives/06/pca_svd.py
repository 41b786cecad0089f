# The SVD of the centred data instead of eigh of the covariance: Xc = U diag(s) Vt.
def pca(X, k):
    Xc = X - X.mean(0)
    U, s, Vt = np.linalg.svd(Xc, full_matrices=False)
    return Vt[:k], s[:k] ** 2 / (len(X) - 1)
