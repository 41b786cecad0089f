# Q built before the diagonal is zeroed.
EXPECT = {"check": "tsne_gradient/values", "says": "Q's diagonal not zeroed", "also": ["tsne_gradient/own-kl", "tsne_gradient/special-inputs"], "affects": ["tsne_step"]}

def tsne_gradient(P, Y):
    Y = np.asarray(Y, dtype=float)
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    Q = (w + np.eye(len(w))) / (np.sum(w) + len(w))
    M = (P - Q) * w
    return 4.0 * (np.sum(M, axis=1)[:, None] * Y - M @ Y)
