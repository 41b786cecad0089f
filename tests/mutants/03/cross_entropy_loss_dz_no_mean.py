# The loss is a mean, but its gradient forgets the 1/N.
EXPECT = {"check": "cross_entropy_loss/ordinary", "says": "dz without the 1/N"}


def cross_entropy_loss(z, y):
    n = z.shape[0]
    logp = log_softmax(z)
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    return -np.mean(logp[np.arange(n), y]), dz
