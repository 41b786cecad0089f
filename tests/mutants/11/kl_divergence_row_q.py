# Q normalised per row inside the cost.
EXPECT = {"check": "kl_divergence/values", "says": "Q normalised per row"}

def kl_divergence(P, Y):
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    Q = w / w.sum(axis=1, keepdims=True)
    off = P > 0
    return np.sum(P[off] * np.log(P[off] / Q[off]))
