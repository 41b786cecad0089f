# relu'(z) written as (z / |z| + 1) / 2: right everywhere except at the kink, where it is 0 / 0.
EXPECT = {"check": "two_layer_backward/kink", "says": "returned nan"}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dz1 = (dscores @ W2.T) * (z1 / np.abs(z1) + 1) / 2
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), h1.T @ dscores, dscores.sum(axis=0)
