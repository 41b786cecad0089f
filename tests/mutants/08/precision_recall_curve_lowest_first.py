EXPECT = {"check": "precision_recall_curve/values", "says": "from the lowest score up",
          "affects": ["average_precision"]}


def precision_recall_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    return (tp / (tp + fp))[::-1], (tp / tp[-1])[::-1]
