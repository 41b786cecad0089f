# Sorting the caller's arrays in place to walk them from the top.
EXPECT = {"check": "precision_recall_curve/inputs-unchanged", "says": "modified its argument",
          "passes": ["precision_recall_curve/values"], "affects": ["average_precision"]}


def precision_recall_curve(y, scores):
    _both_classes(y)
    order = np.argsort(-scores)
    y[:], scores[:] = y[order], scores[order]
    last = np.r_[scores[1:] != scores[:-1], True]
    tp, fp = np.cumsum(y)[last], np.cumsum(1 - y)[last]
    return tp / (tp + fp), tp / tp[-1]
