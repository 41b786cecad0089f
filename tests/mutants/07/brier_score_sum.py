EXPECT = {"check": "brier_score/values", "says": "a sum over users, not a mean"}


def brier_score(p, y):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users")
    return np.sum((np.asarray(p, dtype=float) - y) ** 2)
