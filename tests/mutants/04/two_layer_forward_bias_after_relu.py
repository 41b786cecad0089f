EXPECT = {"check": "two_layer_forward/values", "says": "b1 added after the ReLU", "affects": ["two_layer_backward"]}


def two_layer_forward(X, W1, b1, W2, b2):
    z1 = X @ W1
    h1 = np.maximum(z1, 0) + b1
    return h1 @ W2 + b2, (X, W1, W2, z1 + b1, h1)
