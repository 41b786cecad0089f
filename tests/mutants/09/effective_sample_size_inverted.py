# The ratio upside down: a number below 1.
EXPECT = {"check": "effective_sample_size/values", "says": "inverted",
          "also": ["effective_sample_size/special-weights", "effective_sample_size/input-unchanged"]}


def effective_sample_size(weights):
    if not np.any(weights != 0):
        raise ValueError("all weights are 0")
    return np.sum(weights ** 2) / np.sum(weights) ** 2
