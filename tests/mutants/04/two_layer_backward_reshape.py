# "The shapes did not match, so I reshaped": right shape, scrambled entries.
EXPECT = {"check": "two_layer_backward/values", "says": "a reshape is not a transpose"}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dz1 = (dscores @ W2.T) * (z1 > 0)
    dW2 = (dscores.T @ h1).reshape(W2.shape)
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), dW2, dscores.sum(axis=0)
