# Passes the gradient at z1 == 0 (slope 1 there): the essay's grad[z1 < 0] = 0, on a new array.
def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dz1 = dscores @ W2.T
    dz1 = np.where(z1 < 0, 0.0, dz1)
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), h1.T @ dscores, np.ones(dscores.shape[0]) @ dscores
