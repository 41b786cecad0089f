EXPECT = {"check": "rel_error/values", "says": "divided by max(|a|, |b|)"}


def rel_error(a, b):
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.maximum(np.abs(a), np.abs(b)))))
