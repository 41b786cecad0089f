# Its own softmax, typed in directly: np.exp(1000) overflows.
EXPECT = {"check": "softmax_jacobian/large-logits", "says": "overflow encountered in exp"}


def softmax_jacobian(z_row):
    p = np.exp(z_row) / np.sum(np.exp(z_row))
    return np.diag(p) - np.outer(p, p)
