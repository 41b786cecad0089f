EXPECT = {"check": "auc/single-class", "says": "expected  ValueError", "passes": ["auc/values", "auc/ties"]}


def auc(y, scores):
    y, s = np.asarray(y) == 1, np.asarray(scores, dtype=float)
    ordered = np.sort(s)
    lower = np.searchsorted(ordered, s, side="left")
    ranks = lower + (np.searchsorted(ordered, s, side="right") - lower + 1) / 2
    n_pos, n_neg = y.sum(), (~y).sum()
    with np.errstate(all="ignore"):
        return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))
