# 1 / sum(w**2), the textbook form for weights that sum to 1; these do not.
EXPECT = {"check": "effective_sample_size/values", "says": "assumes the weights sum to 1",
          "also": ["effective_sample_size/special-weights"]}


def effective_sample_size(weights):
    if not np.any(weights != 0):
        raise ValueError("all weights are 0")
    return 1 / np.sum(weights ** 2)
