# The kernel of the distance, not of its square.
EXPECT = {"check": "student_t_affinities/values", "says": "the distance not squared",
          "affects": ["kl_divergence", "tsne_step"]}

def student_t_affinities(Y):
    w = 1.0 / (1.0 + np.sqrt(squared_distances(Y)))
    np.fill_diagonal(w, 0.0)
    return w / np.sum(w)
