EXPECT = {"check": "two_layer_backward/values", "says": "derivations.py, step 3 (ReLU): the local derivative of max(z1, 0) is 0 where z1 < 0",
          "also": ["two_layer_backward/matches-forward"]}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dh1 = dscores @ W2.T
    dz1 = dh1 * (h1 >= 0)
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), h1.T @ dscores, dscores.sum(axis=0)
