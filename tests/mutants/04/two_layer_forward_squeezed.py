# Squeezes the scores so a one-output network gives a flat vector: one sample (1, C) or one class
# (N, 1) loses an axis.
EXPECT = {"check": "two_layer_forward/shapes", "says": "returned shape (4,), expected (1, 4)",
          "passes": ["two_layer_forward/values", "two_layer_forward/inputs-unchanged"]}


def two_layer_forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    return np.squeeze(h1 @ W2 + b2), (X, W1, W2, z1, h1)
