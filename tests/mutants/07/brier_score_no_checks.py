# -1/+1 labels accepted: (p - (-1))**2 is a number, but not a Brier score.
EXPECT = {"check": "brier_score/bad-input", "says": "expected  ValueError"}


def brier_score(p, y):
    if len(y) == 0:
        raise ValueError("no users")
    return np.mean((np.asarray(p, dtype=float) - y) ** 2)
