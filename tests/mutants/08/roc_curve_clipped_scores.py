# Scores clipped to [0, 1] "because they are probabilities": logits above 1 or below 0 become ties.
EXPECT = {"check": "roc_curve/any-real-scores", "says": "returned shape",
          "passes": ["roc_curve/values", "roc_curve/ties", "roc_curve/single-class"]}


def roc_curve(y, scores):
    tp, fp = _cumulative_counts(y, np.clip(scores, 0, 1))
    return np.r_[0.0, fp / fp[-1]], np.r_[0.0, tp / tp[-1]]
