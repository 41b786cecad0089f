# In-place ReLU on z1 in forward: the cached "z1" is really h1, harmless because relu(z) > 0 iff z > 0.
def two_layer_forward(X, W1, b1, W2, b2):
    z1 = X @ W1
    z1 += b1
    np.maximum(z1, 0, out=z1)
    return z1 @ W2 + b2, (X, W1, W2, z1, z1)
