# The multi-class Brier score on two classes: one term for fraud and one for honest, twice the binary one.
EXPECT = {"check": "brier_score/values", "says": "twice the binary score"}


def brier_score(p, y):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users")
    P = np.column_stack([1 - np.asarray(p, dtype=float), p])
    Y = np.column_stack([1 - y, y])
    return np.mean(np.sum((P - Y) ** 2, axis=1))
