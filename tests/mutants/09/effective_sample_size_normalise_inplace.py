# The weights normalised in place to sum 1, then 1 / sum(w**2): right value, caller's weights changed.
EXPECT = {"check": "effective_sample_size/input-unchanged", "says": "modified its argument `weights` in place",
          "passes": ["effective_sample_size/values"]}


def effective_sample_size(weights):
    if not np.any(weights != 0):
        raise ValueError("all weights are 0")
    weights /= weights.sum()
    return 1 / np.sum(weights ** 2)
