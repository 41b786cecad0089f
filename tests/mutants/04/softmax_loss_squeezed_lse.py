# np.squeeze to turn the (N, 1) log-sum-exp into (N,): with one sample it drops the batch axis too, and
# lse[:, None] then fails.
EXPECT = {"check": "softmax_loss/shapes", "says": "too many indices",
          "passes": ["softmax_loss/values", "softmax_loss/large-scores", "softmax_loss/inputs-unchanged"]}


def softmax_loss(scores, y):
    n = scores.shape[0]
    m = scores.max(axis=1, keepdims=True)
    lse = np.squeeze(m + np.log(np.exp(scores - m).sum(axis=1, keepdims=True)))    # (N,)
    loss = np.mean(lse - scores[np.arange(n), y])
    dscores = np.exp(scores - lse[:, None])
    dscores[np.arange(n), y] -= 1
    return loss, dscores / n
