# One max for the whole batch: no overflow, but a row far below it underflows to 0 / 0.
EXPECT = {"check": "softmax/large-logits", "says": "invalid value encountered", "affects": ["softmax_jacobian"]}


def softmax(z):
    e = np.exp(z - np.max(z))
    return e / np.sum(e, axis=1, keepdims=True)
