# dscores = p names the same array: the loss, computed afterwards, reads the changed p (log of a negative).
EXPECT = {"check": "softmax_loss/values", "says": "changed p in place"}


def softmax_loss(scores, y):
    n = scores.shape[0]
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    dscores = p
    dscores[np.arange(n), y] -= 1
    dscores /= n
    loss = -np.mean(np.log(p[np.arange(n), y]))
    return loss, dscores
