# Means instead of sums: n_eff / N.
EXPECT = {"check": "effective_sample_size/values", "says": "a fraction of N, not a count"}


def effective_sample_size(weights):
    if not np.any(weights != 0):
        raise ValueError("all weights are 0")
    return np.mean(weights) ** 2 / np.mean(weights ** 2)
