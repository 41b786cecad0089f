# Backward right, forward wrong: the finite-difference check points at the forward.
EXPECT = {"check": "two_layer_backward/matches-forward", "says": "two_layer_forward is the one to fix", "affects": ["two_layer_backward"]}


def two_layer_forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    return 2 * h1 @ W2 + b2, (X, W1, W2, z1, h1)
