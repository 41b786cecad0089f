# Components scaled by their standard deviation ("loadings"): right directions, not unit length.
EXPECT = {"check": "pca/orthonormal-rows", "says": "not unit length", "affects": ["pca_2d"]}


def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    order = np.argsort(lam)[::-1][:k]
    return W[:, order].T * np.sqrt(lam[order])[:, None], lam[order]
