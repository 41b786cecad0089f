# The kernel factor (1 + ||y_i - y_j||**2)**-1 left out of each term.
EXPECT = {"check": "tsne_gradient/values", "says": "the kernel factor w_ij missing", "also": ["tsne_gradient/own-kl", "tsne_gradient/special-inputs"], "affects": ["tsne_step"]}

def tsne_gradient(P, Y):
    Y = np.asarray(Y, dtype=float)
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    Q = w / np.sum(w)
    M = P - Q
    return 4.0 * (np.sum(M, axis=1)[:, None] * Y - M @ Y)
