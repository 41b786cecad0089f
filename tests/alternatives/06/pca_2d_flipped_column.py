# The first axis pointed the other way, e.g. so the heaviest users land on the right.
def pca_2d(X):
    Z = project(X, X.mean(axis=0), pca(X, 2)[0])
    return Z * np.array([-1.0, 1.0])
