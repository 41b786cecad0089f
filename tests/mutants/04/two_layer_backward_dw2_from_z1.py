# Step 2 derived with the wrong input: layer 2 multiplies W2 by h1 = relu(z1), not by z1.
EXPECT = {"check": "two_layer_backward/values",
          "says": "derivations.py, step 2 (linear layer 2, whose input is h1): scores = h1 @ W2 + b2"}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dh1 = dscores @ W2.T
    dz1 = dh1 * (z1 > 0)
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), z1.T @ dscores, dscores.sum(axis=0)
