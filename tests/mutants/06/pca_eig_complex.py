# np.linalg.eig on S: sorted correctly, but with zero eigenvalues it returns complex arrays.
EXPECT = {"check": "pca/more-features-than-users", "says": "complex dtype",
          "affects": ["explained_variance_ratio", "pca_2d"],
          "also": ["explained_variance_ratio/all-tied-and-wide", "pca_2d/more-features-than-users"]}


def pca(X, k):
    lam, W = np.linalg.eig(covariance(X))
    order = np.argsort(-lam.real)[:k]
    return W[:, order].T, lam[order]
