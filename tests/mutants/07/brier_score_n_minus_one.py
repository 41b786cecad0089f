# Divided by N - 1 as a sample variance would be: one user divides by zero.
EXPECT = {"check": "brier_score/shapes", "says": "brier_score on", "also": ["brier_score/values"]}


def brier_score(p, y):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users")
    with np.errstate(all="ignore"):
        return np.sum((np.asarray(p, dtype=float) - y) ** 2) / (len(y) - 1)
