# Precision read on a grid of thresholds in [0, 1]: every logit above 1 lands in one step.
EXPECT = {"check": "average_precision/any-real-scores", "says": "wrong value",
          "passes": ["average_precision/single-class"]}


def average_precision(y, scores):
    y, s = _both_classes(y), np.asarray(scores, dtype=float)
    ap, last = 0.0, 0.0
    for t in np.linspace(1, 0, 1001):
        flagged = s >= t
        if flagged.any():
            recall = (flagged & y).sum() / y.sum()
            ap, last = ap + (recall - last) * (flagged & y).sum() / flagged.sum(), recall
    return float(ap)
