# The cache is forgotten: only the scores come back.
EXPECT = {"check": "two_layer_forward/values", "says": "expected the pair (scores, cache)", "affects": ["two_layer_backward"]}


def two_layer_forward(X, W1, b1, W2, b2):
    return np.maximum(X @ W1 + b1, 0) @ W2 + b2
