# Thresholds on a grid np.linspace(0, 1, 101), as if scores were probabilities: logits all fall
# outside it, and integer scores collapse.
EXPECT = {"check": "auc/any-real-scores", "says": "wrong value",
          "passes": ["auc/single-class"]}


def auc(y, scores):
    y, s = _both_classes(y), np.asarray(scores, dtype=float)
    t = np.linspace(1, 0, 101)
    tpr = np.r_[0.0, [(s[y] >= u).mean() for u in t]]
    fpr = np.r_[0.0, [(s[~y] >= u).mean() for u in t]]
    return float(np.sum(np.diff(fpr) * (tpr[1:] + tpr[:-1]) / 2))
