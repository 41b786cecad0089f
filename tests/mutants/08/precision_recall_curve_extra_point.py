# A (recall 0, precision 1) start added, as some libraries do: the docstring asks for none.
EXPECT = {"check": "precision_recall_curve/values", "says": "an extra point", "affects": ["average_precision"]}


def precision_recall_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    return np.r_[1.0, tp / (tp + fp)], np.r_[0.0, tp / tp[-1]]
