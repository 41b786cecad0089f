def covariance(X):
    Xc = X - np.mean(X, axis=0, keepdims=True)
    return np.einsum("ni,nj->ij", Xc, Xc) / (len(X) - 1)
