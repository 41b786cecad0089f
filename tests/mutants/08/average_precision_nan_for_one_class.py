EXPECT = {"check": "average_precision/single-class", "says": "expected  ValueError",
          "passes": ["average_precision/values", "average_precision/ties"]}


def average_precision(y, scores):
    y = np.asarray(y, dtype=float)[np.argsort(-np.asarray(scores, dtype=float))]
    s = np.sort(np.asarray(scores, dtype=float))[::-1]
    last = np.r_[s[1:] != s[:-1], True]
    tp, fp = np.cumsum(y)[last], np.cumsum(1 - y)[last]
    with np.errstate(all="ignore"):
        return float(np.sum(np.diff(tp / tp[-1], prepend=0.0) * tp / (tp + fp)))
