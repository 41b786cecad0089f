# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Session 08 — take-home exercises: metrics that measure a model reasonably
#
# Fill in each function, then run `make check S=08`. Derive first (see `derivations.py` and
# the slides), then translate into NumPy: sorting, cumulative sums and boolean masks, no loop
# over pairs of samples.
#
# Conventions used by every function below:
# - `y` is a 1-D array of labels 0 and 1 (1 = fraud, the positive class); `scores` (or `p`) is a
#   1-D array of the same length N.
# - A threshold t flags every sample whose score is `>= t`. The curves have one point per
#   DISTINCT score, taken from the highest down. Tied scores cross a threshold together, so they
#   make ONE step: the answer never depends on the order of tied samples in the input.
# - Ranking metrics (the ROC curve, AUC, the PR curve, AP) accept ANY real scores: probabilities,
#   logits, or minus a distance; only the order matters. Log-loss needs probabilities in [0, 1].
# - Bad input gets a clear `ValueError("...")`, never a nan: a label vector with one class only
#   has no ROC curve, no AUC, no PR curve and no AP.
#
# Only the imports, `def`s and UPPER_CASE constants of this file are graded: experiment freely in
# extra cells, `make check` ignores them.

# %%
import numpy as np


# %%
def roc_curve(y, scores):
    """The ROC curve: false- and true-positive rates at every distinct threshold.

    Parameters
    ----------
    y : ndarray, shape (N,)          labels 0 or 1 (int or bool); both classes must occur
    scores : ndarray, shape (N,)     any real numbers; higher means "more likely positive"

    Returns
    -------
    fpr : ndarray, shape (M + 1,)    M = the number of distinct scores. fpr[0] = 0, then for each
                                     distinct score t from the HIGHEST down:
                                     fpr = (number of negatives with score >= t) / n_neg
    tpr : ndarray, shape (M + 1,)    tpr[0] = 0, then (number of positives with score >= t) / n_pos;
                                     the last point is (1, 1)

    Raises
    ------
    ValueError    if y holds only one class (no negatives, or no positives): a rate with
                  nothing to divide by is not a number to return.

    Hint: sort by score (highest first), take cumulative sums of y and of 1 - y, and read them
    at the LAST sample of each group of tied scores. Do not modify y or scores.
    """
    raise NotImplementedError("roc_curve: write it, then run `make check S=08`")


# %%
def auc(y, scores):
    """The area under the ROC curve, from the ranks of the scores (derive it yourself).

    AUC is the probability that a randomly drawn positive scores higher than a randomly drawn
    negative, a tie counting 1/2. Compute it from the RANKS of the scores (rank 1 = the lowest;
    tied scores share the average of the ranks they occupy), in O(N log N): no loop over the
    n_pos * n_neg pairs. The slides (and derivations.py, AUC steps 1-5) lead you to the formula.

    Parameters
    ----------
    y : ndarray, shape (N,)          labels 0 or 1; both classes must occur
    scores : ndarray, shape (N,)     any real numbers

    Returns
    -------
    auc : float                      in [0, 1]; 1/2 for scores that carry no information

    Raises
    ------
    ValueError    if y holds only one class: there are no (positive, negative) pairs to rank.

    Do not modify y or scores.
    """
    raise NotImplementedError("auc: write it, then run `make check S=08`")


# %%
def precision_recall_curve(y, scores):
    """Precision and recall at every distinct threshold, from the highest score down.

    Parameters
    ----------
    y : ndarray, shape (N,)          labels 0 or 1; both classes must occur
    scores : ndarray, shape (N,)     any real numbers

    Returns
    -------
    precision : ndarray, shape (M,)  M = the number of distinct scores; for each distinct score t,
                                     highest first: TP / (TP + FP) among the samples with score >= t
    recall : ndarray, shape (M,)     TP / n_pos at the same thresholds: non-decreasing, ending at 1.
                                     No extra point is added (no (recall 0, precision 1) start).

    Raises
    ------
    ValueError    if y holds only one class.

    Do not modify y or scores.
    """
    raise NotImplementedError("precision_recall_curve: write it, then run `make check S=08`")


# %%
def average_precision(y, scores):
    """Average precision: the step sum under the precision-recall curve.

        AP = sum over the distinct thresholds k of (R_k - R_{k-1}) * P_k,   R_0 = 0

    with P_k, R_k the precision and recall of precision_recall_curve. This is the plain step sum,
    NOT the interpolated envelope (the best precision at this recall or beyond) and NOT the
    11-point average: on some inputs those three differ.

    Parameters
    ----------
    y : ndarray, shape (N,)          labels 0 or 1; both classes must occur
    scores : ndarray, shape (N,)     any real numbers

    Returns
    -------
    ap : float                       in (0, 1]

    Raises
    ------
    ValueError    if y holds only one class.

    Do not modify y or scores.
    """
    raise NotImplementedError("average_precision: write it, then run `make check S=08`")


# %%
def log_loss(y, p, eps=1e-15):
    """The mean log-loss (binary cross-entropy) of probabilities p for labels y, in nats.

        loss = -mean(y * log(p) + (1 - y) * log(1 - p))        natural log, a MEAN over N

    First clip p to [eps, 1 - eps] (np.clip), so a confident wrong answer costs a large but finite
    -log(eps) (about 34.5 nats for eps = 1e-15) instead of infinity; clipping p and 1 - p each to
    [eps, 1] is accepted too. Compute it without NumPy warnings (no log(0), no 0 * inf).

    Parameters
    ----------
    y : ndarray, shape (N,)          labels 0 or 1; one class only is fine (N >= 1)
    p : ndarray, shape (N,)          predicted P(y = 1), in [0, 1]; exactly 0 and 1 are allowed
    eps : float                      the clipping margin, 0 < eps < 1/2

    Returns
    -------
    loss : float                     >= 0

    Raises
    ------
    ValueError    if any p is outside [0, 1] (scores or logits are not probabilities: pass
                  sigmoid(logits)).

    Do not modify y or p.
    """
    raise NotImplementedError("log_loss: write it, then run `make check S=08`")
