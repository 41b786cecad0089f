# The prior ratio upside down.
EXPECT = {"check": "density_ratio_weights/values", "says": "the prior factor upside down"}


def density_ratio_weights(p_target, n_source, n_target):
    c = np.asarray(p_target, dtype=float)
    if np.any((c < 0) | (c >= 1)):
        raise ValueError("P(target | x) must be in [0, 1)")
    return c / (1 - c) * n_target / n_source
