# Orthonormal rows that have nothing to do with the data earn nothing, not even orthonormal-rows.
EXPECT = {"check": "pca/orthonormal-rows", "says": "wrong explained_variance",
          "affects": ["explained_variance_ratio", "pca_2d"]}


def pca(X, k):
    return np.eye(k, np.shape(X)[1]), np.ones(k)
