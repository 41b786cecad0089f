# The odds normalised to mean 1 (which hides the missing prior factor).
EXPECT = {"check": "density_ratio_weights/values", "says": "normalised to mean 1"}


def density_ratio_weights(p_target, n_source, n_target):
    c = np.asarray(p_target, dtype=float)
    if np.any((c < 0) | (c >= 1)):
        raise ValueError("P(target | x) must be in [0, 1)")
    odds = c / (1 - c)
    return odds / odds.mean()
