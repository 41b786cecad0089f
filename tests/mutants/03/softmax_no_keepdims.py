# Row sums without keepdims: on a square batch they broadcast along the columns, silently.
EXPECT = {"check": "softmax/square-batch", "says": "without keepdims=True"}


def softmax(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return e / np.sum(e, axis=1)
