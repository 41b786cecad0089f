# A one-hot matrix and log-sum-exp, the loss as a 0-d array.
def softmax_loss(scores, y):
    n, c = scores.shape
    m = scores.max(axis=1, keepdims=True)
    lse = m + np.log(np.exp(scores - m).sum(axis=1, keepdims=True))
    onehot = np.zeros((n, c))
    onehot[np.arange(n), y] = 1
    loss = np.asarray(-(onehot * (scores - lse)).sum() / n)
    return loss, (np.exp(scores - lse) - onehot) / n
