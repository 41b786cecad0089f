# Clipped to [0.05, 0.95] "to stay sensible": wrong when one cost is 0 (flag everyone, or no one).
EXPECT = {"check": "best_threshold/essay-and-zero-costs", "says": "best_threshold on", "passes": ["best_threshold/values"]}


def best_threshold(c_fp, c_fn):
    c_fp, c_fn = np.asarray(c_fp, dtype=float), np.asarray(c_fn, dtype=float)
    if (c_fp < 0).any() or (c_fn < 0).any() or (c_fp + c_fn == 0).any():
        raise ValueError("costs must be >= 0 and not both 0")
    return np.clip(c_fp / (c_fp + c_fn), 0.05, 0.95)
