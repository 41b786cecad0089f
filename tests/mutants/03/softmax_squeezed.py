# Squeezes the result so one example comes back as a flat vector: a (1, C) batch loses its row axis
# and a one-class (N, 1) batch its column.
EXPECT = {"check": "softmax/shapes", "says": "returned shape (4,), expected (1, 4)", "affects": ["softmax_jacobian"],
          "passes": ["softmax/ordinary", "softmax/square-batch", "softmax/large-logits", "softmax/input-unchanged"]}


def softmax(z):
    e = np.exp(z - np.max(z, axis=1, keepdims=True))
    return np.squeeze(e / np.sum(e, axis=1, keepdims=True))
