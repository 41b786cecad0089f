# Backward and the update mixed up: it also takes an SGD step on the cached weights (W1 -= lr * dW1),
# so the gradients are right but the caller's W1 and W2 change.
EXPECT = {"check": "two_layer_backward/inputs-unchanged", "says": "modified its argument `W1` in place",
          "also": ["two_layer_backward/cache-reused"],
          "passes": ["two_layer_backward/values", "two_layer_backward/shapes", "two_layer_backward/kink"]}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dW2, db2 = h1.T @ dscores, dscores.sum(axis=0)
    dz1 = (dscores @ W2.T) * (z1 > 0)
    dX, dW1, db1 = dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0)
    W1 -= 1e-2 * dW1
    W2 -= 1e-2 * dW2
    return dX, dW1, db1, dW2, db2
