# eigh's output reversed by slicing, returned as a list.
def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    return [W.T[::-1][:k], lam[::-1][:k]]
