# No users: 0 / 0 returns nan instead of a clear error.
EXPECT = {"check": "expected_cost/bad-input", "says": "expected  ValueError"}


def expected_cost(p, y, threshold, c_fp, c_fn):
    y = np.asarray(y)
    flagged = np.asarray(p) >= threshold
    with np.errstate(all="ignore"):
        return (c_fp * np.sum(flagged & (y == 0)) + c_fn * np.sum(~flagged & (y == 1))) / len(y)
