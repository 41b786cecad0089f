# A factor 2, from counting each pair once.
EXPECT = {"check": "tsne_gradient/values", "says": "half the factor 4", "also": ["tsne_gradient/own-kl", "tsne_gradient/special-inputs"], "affects": ["tsne_step"]}

def tsne_gradient(P, Y):
    Y = np.asarray(Y, dtype=float)
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    Q = w / np.sum(w)
    M = (P - Q) * w
    return 2.0 * (np.sum(M, axis=1)[:, None] * Y - M @ Y)
