# Centres the caller's embedding first.
EXPECT = {"check": "student_t_affinities/input-unchanged", "says": "changed the caller's array",
          "affects": ["kl_divergence", "tsne_step"]}

def student_t_affinities(Y):
    Y = np.asarray(Y, dtype=float)
    Y -= Y.mean(axis=0)
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    return w / np.sum(w)
