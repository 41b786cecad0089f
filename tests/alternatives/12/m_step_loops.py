# Sums written out user by user, as on the whiteboard.


def m_step(X, R):
    N, D = X.shape
    K = R.shape[1]
    weights, means, covs = np.zeros(K), np.zeros((K, D)), np.zeros((K, D, D))
    for k in range(K):
        Nk = sum(R[n, k] for n in range(N))
        weights[k] = Nk / N
        means[k] = sum(R[n, k] * X[n] for n in range(N)) / Nk
        covs[k] = sum(R[n, k] * np.outer(X[n] - means[k], X[n] - means[k]) for n in range(N)) / Nk
    return weights, means, covs
