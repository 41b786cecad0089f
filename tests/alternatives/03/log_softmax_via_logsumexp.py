# z - logsumexp(z), the max added back outside the log.
def log_softmax(z):
    m = np.max(z, axis=1, keepdims=True)
    return z - (m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))
