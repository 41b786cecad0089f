# The curve starts at the first threshold: the (0, 0) point of "flag nobody" is missing.
EXPECT = {"check": "roc_curve/values", "says": "the (0, 0) point is missing",
          "also": ["roc_curve/ties", "roc_curve/any-real-scores"]}


def roc_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    return fp / fp[-1], tp / tp[-1]
