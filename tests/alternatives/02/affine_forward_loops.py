# out[n, m] = sum_d X[n, d] W[d, m] + b[m], one entry at a time.
def affine_forward(x, W, b):
    X = x.reshape(x.shape[0], -1)
    N, D = X.shape
    M = W.shape[1]
    out = np.zeros((N, M))
    for n in range(N):
        for m in range(M):
            total = b[m]
            for d in range(D):
                total += X[n, d] * W[d, m]
            out[n, m] = total
    return out
