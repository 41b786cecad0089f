# Reuses the cached activations as the ReLU mask: right once, wrong on the second pass.
EXPECT = {"check": "two_layer_backward/cache-reused", "says": "your backward writes into an array of the cache"}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dW2 = h1.T @ dscores
    db2 = dscores.sum(axis=0)
    dh1 = dscores @ W2.T
    h1[h1 > 0] = 1                 # "saves memory": h1 is now the 0/1 mask, in the cache too
    dz1 = dh1 * h1
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), dW2, db2
