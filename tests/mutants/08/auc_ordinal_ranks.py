# Ranks from argsort(argsort(s)): ties broken by position in the input, so tied pairs count 0 or 1.
EXPECT = {"check": "auc/ties", "says": "tied pairs counted as",
          "passes": ["auc/values", "auc/single-class", "auc/inputs-unchanged"]}


def auc(y, scores):
    y = _both_classes(y)
    ranks = np.argsort(np.argsort(np.asarray(scores, dtype=float), kind="stable"), kind="stable") + 1
    n_pos, n_neg = y.sum(), (~y).sum()
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
