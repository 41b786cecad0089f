# Centres X first (harmless for distances) but in the caller's array.
EXPECT = {"check": "squared_distances/input-unchanged", "says": "changed the caller's array",
          "affects": ["student_t_affinities", "kl_divergence", "tsne_gradient", "tsne_step"]}

def squared_distances(X):
    X = np.asarray(X, dtype=float)
    X -= X.mean(axis=0)
    return np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2)
