# `b1.shape = (1, -1)` to make the biases rows: the broadcast is right, but the caller's b1 and b2 change shape.
EXPECT = {"check": "two_layer_forward/inputs-unchanged", "says": "modified its argument `b1` in place",
          "affects": ["two_layer_backward"],
          "passes": ["two_layer_forward/values", "two_layer_forward/shapes"]}


def two_layer_forward(X, W1, b1, W2, b2):
    b1.shape = (1, -1)
    b2.shape = (1, -1)
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    return h1 @ W2 + b2, (X, W1, W2, z1, h1)
