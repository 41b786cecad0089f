EXPECT = {"check": "project/values", "says": "the mean was not subtracted", "affects": ["pca_2d"]}


def project(X, mean, components):
    return X @ components.T
