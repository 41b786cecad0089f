# Largest first by slicing eigh's columns backwards, W[:, D-1:D-k-1:-1]: for k == D the stop is
# -1, which Python reads as "the last column", so the slice is empty.
EXPECT = {"check": "pca/shapes-and-integers", "says": "components has shape (0, 3)",
          "affects": ["explained_variance_ratio"], "also": ["explained_variance_ratio/all-tied-and-wide"],
          "passes": ["pca/explained-variance", "pca/component-order", "pca/tied-eigenvalues",
                     "pca/more-features-than-users"]}


def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    d = len(lam)
    return W[:, d - 1:d - k - 1:-1].T, lam[d - 1:d - k - 1:-1]
