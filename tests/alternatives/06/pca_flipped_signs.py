# Each component made to have its largest entry positive (sklearn's habit): still eigenvectors.
def pca(X, k):
    lam, W = np.linalg.eigh(covariance(X))
    V = W[:, ::-1][:, :k].T
    signs = np.sign(V[np.arange(k), np.argmax(np.abs(V), axis=1)])
    return -V * signs[:, None], lam[::-1][:k]
