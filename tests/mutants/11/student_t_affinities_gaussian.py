# The data space's Gaussian kernel used in the embedding too (SNE, not t-SNE).
EXPECT = {"check": "student_t_affinities/values", "says": "a Gaussian kernel",
          "affects": ["kl_divergence", "tsne_step"]}

def student_t_affinities(Y):
    w = np.exp(-squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    return w / np.sum(w)
