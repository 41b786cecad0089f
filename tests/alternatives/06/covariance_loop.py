# Straight from the definition, one entry and one user at a time.
def covariance(X):
    N, D = np.shape(X)
    mean = [sum(X[n][j] for n in range(N)) / N for j in range(D)]
    S = np.zeros((D, D))
    for i in range(D):
        for j in range(D):
            S[i, j] = sum((X[n][i] - mean[i]) * (X[n][j] - mean[j]) for n in range(N)) / (N - 1)
    return S
