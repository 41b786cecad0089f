EXPECT = {"check": "rel_error/values", "says": "np.mean instead of np.max"}


def rel_error(a, b):
    return float(np.mean(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
