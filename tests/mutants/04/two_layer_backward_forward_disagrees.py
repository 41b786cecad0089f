# Backward right, forward wrong: the forward loses its points; the backward keeps full marks, and its
# finite-difference check says in a note (not counted) that the forward is the one to fix.
EXPECT = {"check": "two_layer_forward/values", "says": "wrong values", "note": ("two_layer_backward/matches-forward", "two_layer_forward is the one to fix")}


def two_layer_forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    return 2 * h1 @ W2 + b2, (X, W1, W2, z1, h1)
