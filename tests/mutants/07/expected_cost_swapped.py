EXPECT = {"check": "expected_cost/values", "says": "c_fp and c_fn swapped"}


def expected_cost(p, y, threshold, c_fp, c_fn):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users")
    flagged = np.asarray(p) >= threshold
    return (c_fn * np.sum(flagged & (y == 0)) + c_fp * np.sum(~flagged & (y == 1))) / len(y)
