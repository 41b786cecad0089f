# No check for a single class: with no positives, recall is 0 / 0 = nan.
EXPECT = {"check": "precision_recall_curve/single-class", "says": "expected  ValueError",
          "passes": ["precision_recall_curve/values"], "affects": ["average_precision"]}


def precision_recall_curve(y, scores):
    y, s = np.asarray(y, dtype=float), np.asarray(scores, dtype=float)
    order = np.argsort(-s)
    y, s = y[order], s[order]
    last = np.r_[s[1:] != s[:-1], True]
    tp, fp = np.cumsum(y)[last], np.cumsum(1 - y)[last]
    with np.errstate(all="ignore"):
        return tp / (tp + fp), tp / tp[-1]
