EXPECT = {"check": "softmax_loss/values", "says": "the -1 at the right class is missing"}


def softmax_loss(scores, y):
    n = scores.shape[0]
    e = np.exp(scores - scores.max(axis=1, keepdims=True))
    p = e / e.sum(axis=1, keepdims=True)
    return -np.mean(np.log(p[np.arange(n), y])), p / n
