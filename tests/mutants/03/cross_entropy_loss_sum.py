# Summed over the batch instead of averaged: loss and dz both N times too large.
EXPECT = {"check": "cross_entropy_loss/ordinary", "says": "the sum over the batch, not the mean"}


def cross_entropy_loss(z, y):
    n = z.shape[0]
    logp = log_softmax(z)
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    return -np.sum(logp[np.arange(n), y]), dz
