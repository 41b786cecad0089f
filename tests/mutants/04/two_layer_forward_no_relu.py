EXPECT = {"check": "two_layer_forward/values", "says": "the ReLU is missing", "affects": ["two_layer_backward"]}


def two_layer_forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    scores = z1 @ W2 + b2
    return scores, (X, W1, W2, z1, np.maximum(z1, 0))
