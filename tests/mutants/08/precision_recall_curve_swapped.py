EXPECT = {"check": "precision_recall_curve/values", "says": "precision and recall swapped",
          "affects": ["average_precision"]}


def precision_recall_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    return tp / tp[-1], tp / (tp + fp)
