# Q normalised per row, like the conditional P.
EXPECT = {"check": "student_t_affinities/values", "says": "Q normalised per row",
          "affects": ["kl_divergence", "tsne_step"]}

def student_t_affinities(Y):
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    return w / np.sum(w, axis=1, keepdims=True)
