# dz = p / N: the -1 at the true class is forgotten.
EXPECT = {"check": "cross_entropy_loss/ordinary", "says": "the -1 at each true class is missing"}


def cross_entropy_loss(z, y):
    n = z.shape[0]
    logp = log_softmax(z)
    return -np.mean(logp[np.arange(n), y]), np.exp(logp) / n
