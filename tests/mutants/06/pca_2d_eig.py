# np.linalg.eig on the covariance, largest first: S is symmetric, but eig does not know it, and
# where S has zero eigenvalues (fewer users than features) it returns complex arrays.
EXPECT = {"check": "pca_2d/more-features-than-users", "says": "returned complex numbers",
          "passes": ["pca_2d/coordinates", "pca_2d/input-unchanged"]}


def pca_2d(X):
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    lam, W = np.linalg.eig(Xc.T @ Xc / (len(X) - 1))
    order = np.argsort(lam)[::-1][:2]
    return Xc @ W[:, order]
