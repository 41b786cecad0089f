# np.linalg.eigvals on the covariance: S is symmetric, but eigvals does not know it, and where S
# has zero eigenvalues (fewer users than features) it returns complex values.
EXPECT = {"check": "explained_variance_ratio/all-tied-and-wide", "says": "returned complex numbers",
          "passes": ["explained_variance_ratio/values", "explained_variance_ratio/input-unchanged"]}


def explained_variance_ratio(X, k):
    lam = np.sort(np.linalg.eigvals(covariance(X)))[::-1]
    return lam[:k] / lam.sum()
