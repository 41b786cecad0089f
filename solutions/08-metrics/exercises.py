"""Session 08 reference answers. Never shipped to learners (see `kit release`).

Labels y are 0/1, scores any reals; a threshold t flags scores >= t; tied scores make one step.
"""

import numpy as np


def _both_classes(y):
    y = np.asarray(y) == 1
    if y.all() or not y.any():
        raise ValueError("y holds one class only: a ranking metric needs positives and negatives")
    return y


def _cumulative_counts(y, scores):
    y, s = _both_classes(y).astype(float), np.asarray(scores, dtype=float)
    order = np.argsort(-s)                   # highest score first
    y, s = y[order], s[order]
    last = np.r_[s[1:] != s[:-1], True]      # the last sample of each run of equal scores
    tp = np.cumsum(y)[last]                  # positives with score >= t, one entry per distinct t
    fp = np.cumsum(1 - y)[last]              # negatives with score >= t
    return tp, fp


def roc_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    fpr = np.r_[0.0, fp / fp[-1]]            # (0, 0) first: a threshold above every score flags nobody
    tpr = np.r_[0.0, tp / tp[-1]]
    return fpr, tpr


def auc(y, scores):
    y, s = _both_classes(y), np.asarray(scores, dtype=float)
    ordered = np.sort(s)
    lower = np.searchsorted(ordered, s, side="left")             # scores below each one
    equal = np.searchsorted(ordered, s, side="right") - lower    # scores equal to it, itself included
    ranks = lower + (equal + 1) / 2                              # midranks: ties share their average rank
    n_pos, n_neg = y.sum(), (~y).sum()
    # the positives' rank sum counts every (pos, neg) pair ranked right (ties 1/2), plus the
    # positives' ranks among themselves, 1 + 2 + ... + n_pos
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def precision_recall_curve(y, scores):
    tp, fp = _cumulative_counts(y, scores)
    return tp / (tp + fp), tp / tp[-1]


def average_precision(y, scores):
    precision, recall = precision_recall_curve(y, scores)
    steps = np.diff(recall, prepend=0.0)     # R_k - R_{k-1}, R_0 = 0
    return float(np.sum(steps * precision))


def log_loss(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("log_loss needs probabilities in [0, 1]; pass sigmoid(logits), not logits")
    p = np.clip(p, eps, 1 - eps)             # a new array: the caller's p is untouched
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
