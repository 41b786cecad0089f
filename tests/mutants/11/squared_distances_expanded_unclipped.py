# The fast expanded form, without clipping its round-off.
EXPECT = {"check": "squared_distances/round-off", "says": "negative squared distances",
          "affects": ["student_t_affinities", "kl_divergence", "tsne_gradient", "tsne_step"]}

def squared_distances(X):
    X = np.asarray(X, dtype=float)
    sq = np.sum(X ** 2, axis=1)
    return sq[:, None] + sq[None, :] - 2 * X @ X.T
