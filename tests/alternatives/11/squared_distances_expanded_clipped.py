# The fast expanded form, with its round-off clipped and the diagonal set to 0, as the docstring allows.
def squared_distances(X):
    X = np.asarray(X, dtype=float)
    sq = np.einsum("nd,nd->n", X, X)
    D = np.maximum(sq[:, None] + sq[None, :] - 2.0 * X @ X.T, 0.0)
    np.fill_diagonal(D, 0.0)
    return D
