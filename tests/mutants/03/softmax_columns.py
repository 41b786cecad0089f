# Normalised over the batch (axis=0) instead of over the classes.
EXPECT = {"check": "softmax/ordinary", "says": "normalised down the columns", "affects": ["softmax_jacobian"]}


def softmax(z):
    e = np.exp(z - np.max(z, axis=0, keepdims=True))
    return e / np.sum(e, axis=0, keepdims=True)
