# Centres the caller's Y (the gradient does not change, the caller's Y does).
EXPECT = {"check": "tsne_gradient/inputs-unchanged", "says": "changed the caller's array", "affects": ["tsne_step"]}

def tsne_gradient(P, Y):
    Y = np.asarray(Y, dtype=float)
    Y -= Y.mean(axis=0)
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    Q = w / np.sum(w)
    M = (P - Q) * w
    return 4.0 * (np.sum(M, axis=1)[:, None] * Y - M @ Y)
