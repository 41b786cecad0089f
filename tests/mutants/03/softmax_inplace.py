# Right values, but `z -= ...` shifts the caller's logits.
EXPECT = {"check": "softmax/input-unchanged", "says": "modified its argument `z` in place", "affects": ["softmax_jacobian"]}


def softmax(z):
    z -= np.max(z, axis=1, keepdims=True)
    e = np.exp(z)
    return e / np.sum(e, axis=1, keepdims=True)
