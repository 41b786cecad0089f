# Euclidean distances where their squares are asked for.
EXPECT = {"check": "squared_distances/values", "says": "the distances, not squared",
          "also": ["squared_distances/shapes", "squared_distances/round-off"],
          "affects": ["student_t_affinities", "kl_divergence", "tsne_gradient", "tsne_step"]}

def squared_distances(X):
    X = np.asarray(X, dtype=float)
    return np.sqrt(np.sum((X[:, None, :] - X[None, :, :]) ** 2, axis=2))
