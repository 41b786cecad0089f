# Shifting the caller's scores to start at 0 (harmless for ranks, but it writes into them).
EXPECT = {"check": "auc/inputs-unchanged", "says": "modified its argument `scores` in place",
          "passes": ["auc/values", "auc/ties"]}


def auc(y, scores):
    y = _both_classes(y)
    scores -= scores.min()
    ordered = np.sort(scores)
    lower = np.searchsorted(ordered, scores, side="left")
    ranks = lower + (np.searchsorted(ordered, scores, side="right") - lower + 1) / 2
    n_pos, n_neg = y.sum(), (~y).sum()
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
