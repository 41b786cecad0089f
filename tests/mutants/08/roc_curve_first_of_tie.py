# Ties grouped, but the cumulative sums read at the FIRST sample of each run of equal scores:
# the right number of points, the wrong counts, and they depend on the order of the ties.
EXPECT = {"check": "roc_curve/ties", "says": "the LAST sample of each run",
          "passes": ["roc_curve/single-class", "roc_curve/inputs-unchanged"]}


def roc_curve(y, scores):
    y, s = _both_classes(y).astype(float), np.asarray(scores, dtype=float)
    order = np.argsort(-s, kind="stable")
    y, s = y[order], s[order]
    first = np.r_[True, s[1:] != s[:-1]]
    tp, fp = np.cumsum(y)[first], np.cumsum(1 - y)[first]
    return np.r_[0.0, fp / (1 - y).sum()], np.r_[0.0, tp / y.sum()]
