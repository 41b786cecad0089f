# The derived formula read term by term: dY[i] = 4 sum_j (p_ij - q_ij) (y_i - y_j) / (1 + ||y_i - y_j||**2).
def tsne_gradient(P, Y):
    Y = np.asarray(Y, dtype=float)
    N = len(Y)
    w = np.zeros((N, N))
    for i in range(N):
        for j in range(N):
            if i != j:
                w[i, j] = 1.0 / (1.0 + np.sum((Y[i] - Y[j]) ** 2))
    Z = w.sum()
    dY = np.zeros_like(Y)
    for i in range(N):
        for j in range(N):
            if i != j:
                dY[i] += 4.0 * (P[i, j] - w[i, j] / Z) * w[i, j] * (Y[i] - Y[j])
    return dY
