# One-hot rows from np.eye(C)[y]; the loss as -sum(onehot * logp) / N; returns a NumPy scalar.
def cross_entropy_loss(z, y):
    n, c = z.shape
    onehot = np.eye(c)[y]
    logp = log_softmax(z)
    return -np.sum(onehot * logp) / n, (np.exp(logp) - onehot) / n
