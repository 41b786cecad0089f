# Dividing by N instead of N - 1 scales every eigenvalue and the trace alike: same ratios.
def explained_variance_ratio(X, k):
    lam = np.sort(np.linalg.eigvalsh(np.cov(X, rowvar=False, bias=True)))[::-1]
    return lam[:k] / lam.sum()
