# One mask per distinct threshold, highest first: slower, plainly correct.
def roc_curve(y, scores):
    y, s = np.asarray(y) == 1, np.asarray(scores, dtype=float)
    if y.all() or not y.any():
        raise ValueError("need both classes")
    fpr, tpr = [0.0], [0.0]
    for t in np.unique(s)[::-1]:
        flagged = s >= t
        fpr.append((flagged & ~y).sum() / (~y).sum())
        tpr.append((flagged & y).sum() / y.sum())
    return np.array(fpr), np.array(tpr)
