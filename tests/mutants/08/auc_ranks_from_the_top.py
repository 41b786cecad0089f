# Rank 1 given to the highest score: the result is 1 - AUC.
EXPECT = {"check": "auc/values", "says": "1 - AUC"}


def auc(y, scores):
    y, s = _both_classes(y), -np.asarray(scores, dtype=float)
    ordered = np.sort(s)
    lower = np.searchsorted(ordered, s, side="left")
    ranks = lower + (np.searchsorted(ordered, s, side="right") - lower + 1) / 2
    n_pos, n_neg = y.sum(), (~y).sum()
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
