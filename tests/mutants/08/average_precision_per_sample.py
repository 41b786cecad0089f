# Precision at each positive's POSITION in the sorted list: tied samples are not one step, so the
# answer depends on whether the positives of a tie happen to come first.
EXPECT = {"check": "average_precision/ties", "says": "tied scores cross a threshold together",
          "passes": ["average_precision/values", "average_precision/single-class"]}


def average_precision(y, scores):
    y = _both_classes(y).astype(float)[np.argsort(-np.asarray(scores, dtype=float), kind="stable")]
    precision = np.cumsum(y) / np.arange(1, len(y) + 1)
    return float(np.sum(precision * y) / y.sum())
