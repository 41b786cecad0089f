# Right values, but `z -= ...` shifts the caller's logits by their row max.
EXPECT = {"check": "log_softmax/input-unchanged", "says": "modified its argument `z` in place", "affects": ["cross_entropy_loss"],
          "passes": ["log_softmax/ordinary", "log_softmax/shapes", "log_softmax/large-logits"]}


def log_softmax(z):
    z -= np.max(z, axis=1, keepdims=True)
    return z - np.log(np.sum(np.exp(z), axis=1, keepdims=True))
