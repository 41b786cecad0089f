# Turns p into decisions in place: the caller's probabilities become 0s and 1s.
EXPECT = {"check": "expected_cost/inputs-unchanged", "says": "modified its argument `p` in place",
          "passes": ["expected_cost/values"]}


def expected_cost(p, y, threshold, c_fp, c_fn):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users")
    p[:] = p >= threshold
    flagged = p == 1
    return (c_fp * np.sum(flagged & (y == 0)) + c_fn * np.sum(~flagged & (y == 1))) / len(y)
