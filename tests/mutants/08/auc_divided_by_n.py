EXPECT = {"check": "auc/values", "says": "n_pos * N instead of n_pos * n_neg"}


def auc(y, scores):
    y, s = _both_classes(y), np.asarray(scores, dtype=float)
    ordered = np.sort(s)
    lower = np.searchsorted(ordered, s, side="left")
    ranks = lower + (np.searchsorted(ordered, s, side="right") - lower + 1) / 2
    n_pos = y.sum()
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * len(y)))
