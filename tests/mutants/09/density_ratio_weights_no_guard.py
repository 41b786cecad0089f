# No check: p = 1 gives inf (and a warning), p > 1 a negative weight.
EXPECT = {"check": "density_ratio_weights/certain-classifier", "says": "ValueError",
          "passes": ["density_ratio_weights/values"]}


def density_ratio_weights(p_target, n_source, n_target):
    c = np.asarray(p_target, dtype=float)
    return c / (1 - c) * n_source / n_target
