# Information-theory habit: bits instead of nats. At equal logits the loss is log2(C), not ln C.
EXPECT = {"check": "cross_entropy_loss/equal-logits-ln-C", "says": "base-2 log"}


def cross_entropy_loss(z, y):
    n = z.shape[0]
    logp = log_softmax(z)
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    return -np.mean(logp[np.arange(n), y]) / np.log(2), dz / n
