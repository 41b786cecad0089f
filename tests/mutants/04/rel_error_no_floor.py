EXPECT = {"check": "rel_error/both-zero", "says": "invalid value encountered in divide"}


def rel_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / (np.abs(a) + np.abs(b))))
