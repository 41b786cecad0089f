def cross_entropy_loss(z, y):
    n = z.shape[0]
    logp = log_softmax(z)
    picked = np.take_along_axis(logp, y[:, None], axis=1)    # (N, 1): log p of each true class
    return -picked.mean(), (softmax(z) - (np.arange(z.shape[1]) == y[:, None])) / n
