EXPECT = {"check": "precision_recall_curve/values", "says": "recall divided by N", "affects": ["average_precision"]}


def precision_recall_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    return tp / (tp + fp), tp / len(y)
