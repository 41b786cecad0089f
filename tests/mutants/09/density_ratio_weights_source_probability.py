# p read as P(source | x): the odds upside down.
EXPECT = {"check": "density_ratio_weights/values", "says": "p read as P(source | x)"}


def density_ratio_weights(p_target, n_source, n_target):
    c = np.asarray(p_target, dtype=float)
    if np.any((c < 0) | (c >= 1)):
        raise ValueError("P(target | x) must be in [0, 1)")
    with np.errstate(divide="ignore"):
        return (1 - c) / c * n_source / n_target
