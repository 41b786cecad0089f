# -log(softmax(z)[y]): a confidently wrong row has p[y] = 0.0, and log(0) = -inf.
EXPECT = {"check": "cross_entropy_loss/large-logits", "says": "divide by zero encountered in log"}


def cross_entropy_loss(z, y):
    n = z.shape[0]
    p = softmax(z)
    loss = -np.mean(np.log(p[np.arange(n), y]))
    dz = p.copy()
    dz[np.arange(n), y] -= 1
    return loss, dz / n
