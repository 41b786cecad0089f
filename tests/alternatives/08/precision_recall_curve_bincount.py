# Positives and samples counted per distinct score with bincount, accumulated from the top.
def precision_recall_curve(y, scores):
    y = np.asarray(y, dtype=float)
    if y.sum() in (0, len(y)):
        raise ValueError("need both classes")
    _, inverse = np.unique(-np.asarray(scores, dtype=float), return_inverse=True)
    tp = np.cumsum(np.bincount(inverse, weights=y))
    flagged = np.cumsum(np.bincount(inverse))
    return tp / flagged, tp / y.sum()
