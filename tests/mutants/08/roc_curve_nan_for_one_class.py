# No check for a single class: 0 / 0 gives nan rates instead of a clear error.
EXPECT = {"check": "roc_curve/single-class", "says": "expected  ValueError",
          "passes": ["roc_curve/values", "roc_curve/ties"]}


def roc_curve(y, scores):
    y, s = np.asarray(y, dtype=float), np.asarray(scores, dtype=float)
    order = np.argsort(-s)
    y, s = y[order], s[order]
    last = np.r_[s[1:] != s[:-1], True]
    tp, fp = np.cumsum(y)[last], np.cumsum(1 - y)[last]
    with np.errstate(all="ignore"):
        return np.r_[0.0, fp / fp[-1]], np.r_[0.0, tp / tp[-1]]
