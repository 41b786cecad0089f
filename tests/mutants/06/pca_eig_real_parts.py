# np.linalg.eig with the real parts kept: fine for distinct eigenvalues, but for a tie its
# eigenvectors need not be orthogonal.
EXPECT = {"check": "pca/tied-eigenvalues", "says": "rows are not orthogonal", "affects": ["explained_variance_ratio", "pca_2d"]}


def pca(X, k):
    lam, W = np.linalg.eig(covariance(X))
    lam, W = lam.real, W.real
    order = np.argsort(lam)[::-1][:k]
    return W[:, order].T, lam[order]
