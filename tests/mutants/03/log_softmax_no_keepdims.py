# keepdims forgotten on the row sum: an (N,) vector against (N, C) rows raises, and the message says why.
EXPECT = {"check": "log_softmax/ordinary", "says": "without keepdims=True", "affects": ["cross_entropy_loss"]}


def log_softmax(z):
    m = np.max(z, axis=1, keepdims=True)
    return z - m - np.log(np.sum(np.exp(z - m), axis=1))
