# Thresholds taken from the lowest score up: the curve is traversed backwards.
EXPECT = {"check": "roc_curve/values", "says": "runs from (1, 1) down to (0, 0)"}


def roc_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    return np.r_[0.0, fp / fp[-1]][::-1], np.r_[0.0, tp / tp[-1]][::-1]
