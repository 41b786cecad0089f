EXPECT = {"check": "average_precision/inputs-unchanged", "says": "modified its argument `scores` in place",
          "passes": ["average_precision/values"]}


def average_precision(y, scores):
    _both_classes(y)
    np.negative(scores, out=scores)
    precision, recall = precision_recall_curve(y, -scores)
    return float(np.sum(np.diff(recall, prepend=0.0) * precision))
