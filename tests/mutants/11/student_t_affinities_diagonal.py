# Q's diagonal not zeroed: every point its own neighbour with w = 1.
EXPECT = {"check": "student_t_affinities/values", "says": "the diagonal not zeroed",
          "also": ["student_t_affinities/shapes"], "affects": ["kl_divergence", "tsne_step"]}

def student_t_affinities(Y):
    w = 1.0 / (1.0 + squared_distances(Y))
    return w / np.sum(w)
