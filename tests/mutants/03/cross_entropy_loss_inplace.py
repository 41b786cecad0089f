# Shifts the caller's logits in place.
EXPECT = {"check": "cross_entropy_loss/inputs-unchanged", "says": "modified its argument `z` in place"}


def cross_entropy_loss(z, y):
    n = z.shape[0]
    z -= np.max(z, axis=1, keepdims=True)
    logp = z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
    dz = np.exp(logp)
    dz[np.arange(n), y] -= 1
    return -np.mean(logp[np.arange(n), y]), dz / n
