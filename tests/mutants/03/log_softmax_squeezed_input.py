# np.squeeze(z) first, with axis=-1, "so a single 1-D row works too": a (1, C) batch comes back 1-D,
# and a one-class (N, 1) batch is read as one row of N classes.
EXPECT = {"check": "log_softmax/shapes", "says": "returned shape (6,), expected (1, 6)", "affects": ["cross_entropy_loss"],
          "passes": ["log_softmax/ordinary", "log_softmax/large-logits", "log_softmax/input-unchanged"]}


def log_softmax(z):
    z = np.squeeze(z)
    shifted = z - np.max(z, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
