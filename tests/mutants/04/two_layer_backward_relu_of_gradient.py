EXPECT = {"check": "two_layer_backward/values", "says": "ReLU applied to the gradient"}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dz1 = np.maximum(dscores @ W2.T, 0)
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), h1.T @ dscores, dscores.sum(axis=0)
