def explained_variance_ratio(X, k):
    s = np.linalg.svd(X - X.mean(axis=0), compute_uv=False)
    return (s**2 / np.sum(s**2))[:k]
