# logsumexp(z) = m + log(sum(exp(z - m))), but the m outside is forgotten.
EXPECT = {"check": "log_softmax/ordinary", "says": "without adding back the max", "affects": ["cross_entropy_loss"]}


def log_softmax(z):
    m = np.max(z, axis=1, keepdims=True)
    return z - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
