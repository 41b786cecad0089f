EXPECT = {"check": "roc_curve/values", "says": "both rates divided by N"}


def roc_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    n = len(y)
    return np.r_[0.0, fp / n], np.r_[0.0, tp / n]
