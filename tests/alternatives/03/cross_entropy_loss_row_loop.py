# Per row: loss_n = logsumexp(z_n) - z_n[y_n]; gradient row = (p_n - e_{y_n}) / N.
def cross_entropy_loss(z, y):
    n = z.shape[0]
    total = 0.0
    dz = np.zeros(z.shape)
    for i in range(n):
        m = z[i].max()
        lse = m + np.log(np.exp(z[i] - m).sum())
        total += lse - z[i, y[i]]
        dz[i] = np.exp(z[i] - lse) / n
        dz[i, y[i]] -= 1.0 / n
    return total / n, dz
