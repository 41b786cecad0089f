# The odds computed in the caller's array.
EXPECT = {"check": "density_ratio_weights/input-unchanged", "says": "modified its argument `p_target` in place",
          "passes": ["density_ratio_weights/values"]}


def density_ratio_weights(p_target, n_source, n_target):
    if np.any((p_target < 0) | (p_target >= 1)):
        raise ValueError("P(target | x) must be in [0, 1)")
    p_target /= 1 - p_target
    return p_target * n_source / n_target
