# Sum of outer products of the deviations, then the mean's correction term.
def covariance(X):
    X = np.asarray(X, dtype=float)
    N = X.shape[0]
    mu = X.mean(0)
    return (X.T @ X - N * np.outer(mu, mu)) / (N - 1)
