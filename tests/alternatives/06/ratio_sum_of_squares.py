# The total variance as the sum of every squared centred entry over N - 1 (the trace, without forming S).
def explained_variance_ratio(X, k):
    Xc = np.asarray(X, dtype=float) - np.mean(X, axis=0)
    _, variances = pca(X, k)
    return variances / (np.sum(Xc**2) / (len(Xc) - 1))
