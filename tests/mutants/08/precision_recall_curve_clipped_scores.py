EXPECT = {"check": "precision_recall_curve/any-real-scores", "says": "returned shape",
          "passes": ["precision_recall_curve/values", "precision_recall_curve/ties"], "affects": ["average_precision"]}


def precision_recall_curve(y, scores):
    tp, fp = _cumulative_counts(y, np.clip(scores, 0, 1))
    return tp / (tp + fp), tp / tp[-1]
