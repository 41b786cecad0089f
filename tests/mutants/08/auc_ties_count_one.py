# Counting pairs with >=: a tied pair counts as a win.
EXPECT = {"check": "auc/ties", "says": "tied pairs counted as 1", "passes": ["auc/values"]}


def auc(y, scores):
    y, s = _both_classes(y), np.asarray(scores, dtype=float)
    return float((s[y][:, None] >= s[~y][None, :]).mean())
