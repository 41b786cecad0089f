# The classifier's odds alone: the n_source / n_target prior factor is missing.
EXPECT = {"check": "density_ratio_weights/values", "says": "the prior factor n_source / n_target is missing",
          "also": ["density_ratio_weights/edges", "density_ratio_weights/input-unchanged"]}


def density_ratio_weights(p_target, n_source, n_target):
    c = np.asarray(p_target, dtype=float)
    if np.any((c < 0) | (c >= 1)):
        raise ValueError("P(target | x) must be in [0, 1)")
    return c / (1 - c)
