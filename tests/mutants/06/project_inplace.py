EXPECT = {"check": "project/inputs-unchanged", "says": "modified its argument `X` in place", "affects": ["pca_2d"]}


def project(X, mean, components):
    X -= mean
    return X @ components.T
