# logp[:, y] picks an (N, N) block, not one entry per row.
EXPECT = {"check": "cross_entropy_loss/ordinary", "says": "an (N, N) block instead of one entry per row"}


def cross_entropy_loss(z, y):
    n = z.shape[0]
    logp = log_softmax(z)
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    return -np.mean(logp[:, y]), dz / n
