# The guard written with np.max, which has no value on an empty array.
EXPECT = {"check": "density_ratio_weights/edges", "says": "empty", "passes": ["density_ratio_weights/values"]}


def density_ratio_weights(p_target, n_source, n_target):
    c = np.asarray(p_target, dtype=float)
    if np.max(c) >= 1 or np.min(c) < 0:
        raise ValueError("P(target | x) must be in [0, 1)")
    return c / (1 - c) * n_source / n_target
