EXPECT = {"check": "auc/values", "says": "AUC step 4"}


def auc(y, scores):
    y, s = _both_classes(y), np.asarray(scores, dtype=float)
    ordered = np.sort(s)
    lower = np.searchsorted(ordered, s, side="left")
    ranks = lower + (np.searchsorted(ordered, s, side="right") - lower + 1) / 2
    return float(ranks[y].sum() / (y.sum() * (~y).sum()))
