# (y_j - y_i) for (y_i - y_j): the sign flipped.
EXPECT = {"check": "tsne_gradient/values", "says": "the sign flipped", "also": ["tsne_gradient/own-kl", "tsne_gradient/special-inputs"], "affects": ["tsne_step"]}

def tsne_gradient(P, Y):
    Y = np.asarray(Y, dtype=float)
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    Q = w / np.sum(w)
    M = (P - Q) * w
    return 4.0 * (M @ Y - np.sum(M, axis=1)[:, None] * Y)
