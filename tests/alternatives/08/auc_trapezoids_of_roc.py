# The area under the learner's own tie-grouped ROC curve, by trapezoids: a diagonal step over a
# mixed tie adds half its rectangle, so it equals the rank form exactly.
def auc(y, scores):
    fpr, tpr = roc_curve(y, scores)
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
