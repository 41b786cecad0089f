# Sorting descending by negating the caller's scores in place: right curve, scores changed.
EXPECT = {"check": "roc_curve/inputs-unchanged", "says": "modified its argument `scores` in place",
          "passes": ["roc_curve/values", "roc_curve/ties"]}


def roc_curve(y, scores):
    y = _both_classes(y).astype(float)
    scores *= -1
    order = np.argsort(scores)
    y, s = y[order], scores[order]
    last = np.r_[s[1:] != s[:-1], True]
    tp, fp = np.cumsum(y)[last], np.cumsum(1 - y)[last]
    return np.r_[0.0, fp / fp[-1]], np.r_[0.0, tp / tp[-1]]
