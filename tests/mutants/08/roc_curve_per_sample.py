# One point per sample, as if every score were distinct: tied scores make several steps, and
# where they fall depends on the order of the tied samples in the input.
EXPECT = {"check": "roc_curve/ties", "says": "one point per sample",
          "passes": ["roc_curve/single-class", "roc_curve/inputs-unchanged"]}


def roc_curve(y, scores):
    y = _both_classes(y).astype(float)
    order = np.argsort(-np.asarray(scores, dtype=float), kind="stable")
    tp, fp = np.cumsum(y[order]), np.cumsum(1 - y[order])
    return np.r_[0.0, fp / fp[-1]], np.r_[0.0, tp / tp[-1]]
