EXPECT = {"check": "softmax_loss/inputs-unchanged", "says": "modified its argument `scores` in place"}


def softmax_loss(scores, y):
    n = scores.shape[0]
    scores -= scores.max(axis=1, keepdims=True)
    e = np.exp(scores)
    p = e / e.sum(axis=1, keepdims=True)
    loss = -np.mean(np.log(p[np.arange(n), y]))
    d = p.copy()
    d[np.arange(n), y] -= 1
    return loss, d / n
