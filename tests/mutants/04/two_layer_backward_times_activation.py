# Through the ReLU the chain rule multiplies by relu's value instead of its slope: a plausible
# mix-up of "h1 = relu(z1)" with "relu'(z1)" when deriving step 3.
EXPECT = {"check": "two_layer_backward/values",
          "says": "derivations.py, step 3 (ReLU): the chain rule multiplies by the derivative"}


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dh1 = dscores @ W2.T
    dz1 = dh1 * h1
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), h1.T @ dscores, dscores.sum(axis=0)
