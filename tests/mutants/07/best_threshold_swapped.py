# The share of the OTHER cost: a dearer false positive would lower the threshold and flag more users.
EXPECT = {"check": "best_threshold/values", "says": "the costs swapped"}


def best_threshold(c_fp, c_fn):
    c_fp, c_fn = np.asarray(c_fp, dtype=float), np.asarray(c_fn, dtype=float)
    if (c_fp < 0).any() or (c_fn < 0).any() or (c_fp + c_fn == 0).any():
        raise ValueError("costs must be >= 0 and not both 0")
    return c_fn / (c_fp + c_fn)
