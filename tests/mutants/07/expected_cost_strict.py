# p > threshold: a user exactly at the threshold is let through.
EXPECT = {"check": "expected_cost/ties", "says": "a tie p == threshold not flagged", "passes": ["expected_cost/values"]}


def expected_cost(p, y, threshold, c_fp, c_fn):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users")
    flagged = np.asarray(p) > threshold
    return (c_fp * np.sum(flagged & (y == 0)) + c_fn * np.sum(~flagged & (y == 1))) / len(y)
