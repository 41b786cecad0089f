# No check: 0 / 0 is nan for all-zero weights and for an empty array.
EXPECT = {"check": "effective_sample_size/zero-weights", "says": "ValueError", "passes": ["effective_sample_size/values"]}


def effective_sample_size(weights):
    return np.sum(weights) ** 2 / np.sum(weights ** 2)
