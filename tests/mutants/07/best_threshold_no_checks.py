# No costs at all: 0 / 0 is nan; a negative cost gives a threshold outside [0, 1].
EXPECT = {"check": "best_threshold/bad-input", "says": "expected  ValueError"}


def best_threshold(c_fp, c_fn):
    with np.errstate(all="ignore"):
        return np.asarray(c_fp, dtype=float) / (np.asarray(c_fp, dtype=float) + c_fn)
