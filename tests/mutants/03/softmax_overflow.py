# The definition typed in directly: right for small logits, but np.exp(1000) overflows to inf.
EXPECT = {"check": "softmax/large-logits", "says": "overflow encountered in exp", "affects": ["softmax_jacobian"]}


def softmax(z):
    e = np.exp(z)
    return e / np.sum(e, axis=1, keepdims=True)
