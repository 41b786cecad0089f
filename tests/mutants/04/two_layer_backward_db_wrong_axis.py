EXPECT = {"check": "two_layer_backward/values", "says": "(in db2)"}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dz1 = (dscores @ W2.T) * (z1 > 0)
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), h1.T @ dscores, dscores.sum(axis=1)
