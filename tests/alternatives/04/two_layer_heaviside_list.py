# SymPy's convention at the kink (slope 1/2 where z1 == 0), and a list instead of a tuple.
def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dz1 = (dscores @ W2.T) * np.heaviside(z1, 0.5)
    return [dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), h1.T @ dscores, dscores.sum(axis=0)]
