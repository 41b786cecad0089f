# Shifted by the max, then stopped: the log of the normaliser is missing.
EXPECT = {"check": "log_softmax/ordinary", "says": "the log of the normaliser is missing", "affects": ["cross_entropy_loss"]}


def log_softmax(z):
    return z - np.max(z, axis=1, keepdims=True)
