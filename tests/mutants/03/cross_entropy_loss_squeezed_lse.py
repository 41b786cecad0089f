# np.squeeze to turn the (N, 1) log-sum-exp into (N,): with N == 1 it drops the batch axis too, and
# lse[:, None] then fails.
EXPECT = {"check": "cross_entropy_loss/shapes", "says": "too many indices",
          "passes": ["cross_entropy_loss/ordinary", "cross_entropy_loss/equal-logits-ln-C",
                     "cross_entropy_loss/large-logits", "cross_entropy_loss/inputs-unchanged"]}


def cross_entropy_loss(z, y):
    n = z.shape[0]
    m = np.max(z, axis=1, keepdims=True)
    lse = np.squeeze(m + np.log(np.sum(np.exp(z - m), axis=1, keepdims=True)))     # (N,)
    loss = np.mean(lse - z[np.arange(n), y])
    dz = np.exp(z - lse[:, None])
    dz[np.arange(n), y] -= 1
    return float(loss), dz / n
