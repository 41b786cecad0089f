# Midranks from np.unique: counts per distinct score, cumulative counts below, average rank within.
def auc(y, scores):
    y = np.asarray(y).astype(bool)
    if y.all() or not y.any():
        raise ValueError("need both classes")
    _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
    below = np.cumsum(counts) - counts
    ranks = (below + (counts + 1) / 2)[inverse]
    n_pos, n_neg = y.sum(), len(y) - y.sum()
    return (ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
