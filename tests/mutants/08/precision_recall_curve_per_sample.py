# One point per sample: tied scores split into several points, in the order they come.
EXPECT = {"check": "precision_recall_curve/ties", "says": "one point per sample",
          "passes": ["precision_recall_curve/single-class"], "affects": ["average_precision"]}


def precision_recall_curve(y, scores):
    y = _both_classes(y).astype(float)
    tp = np.cumsum(y[np.argsort(-np.asarray(scores, dtype=float), kind="stable")])
    return tp / np.arange(1, len(y) + 1), tp / tp[-1]
