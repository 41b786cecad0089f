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
# # Session 07 — take-home exercises: calibration and the 0.8-vs-0.9 threshold
#
# Fill in each function, then run `make check S=07`. Derive first (see `derivations.py` and the
# slides), then translate the result into NumPy.
#
# Conventions, for every function here:
# - p is the model's probability of fraud, P(y = 1), one per user: a 1-D array of length N.
# - Labels y are 0 (honest) or 1 (fraud), a 1-D array of length N. Not -1/+1, not booleans you
#   have to guess about: anything other than 0 and 1 is bad input (raise ValueError).
# - Losses and scores are MEANS over the N users, never sums.
# - Bins are given as a COUNT n_bins of equal-width bins on [0, 1]: bin i holds the p with
#   i / n_bins <= p < (i + 1) / n_bins, and the last bin also holds p = 1.0.
# - A user is flagged as fraud when p >= threshold (a tie is flagged).
# - Bad input gets `raise ValueError("...")` with a message saying what is wrong.
#
# Only the imports, `def`s and UPPER_CASE constants of this file are graded: experiment freely in
# extra cells, `make check` ignores them.

# %%
import numpy as np


# %%
def reliability_bins(p, y, n_bins):
    """The numbers behind a reliability diagram: per bin of p, how many users, their mean p, and
    the fraction of them that are fraud.

    Parameters
    ----------
    p : ndarray, shape (N,)          predicted P(y = 1) per user, each in [0, 1]
    y : ndarray, shape (N,)          labels, 0 or 1
    n_bins : int                     the NUMBER of equal-width bins on [0, 1] (not their width)

    Returns
    -------
    counts : ndarray, shape (n_bins,)      users per bin, as floats
    confidence : ndarray, shape (n_bins,)  mean p of the users in each bin
    frequency : ndarray, shape (n_bins,)   mean y of the users in each bin (the observed fraud rate)

    Bin i holds i / n_bins <= p < (i + 1) / n_bins; p = 1.0 belongs to the LAST bin, i = n_bins - 1.
    An empty bin has count 0, confidence 0 and frequency 0, computed without any division by zero
    (NumPy must not warn). All n_bins bins are returned, empty ones included, in order.

    Raises ValueError when n_bins < 1, when a p lies outside [0, 1], or for labels other than 0 and 1.
    Do not modify p or y.
    """
    raise NotImplementedError("reliability_bins: write it, then run `make check S=07`")


# %%
def expected_calibration_error(p, y, n_bins):
    """The expected calibration error (ECE) of the probabilities p, over P(y = 1).

    Parameters
    ----------
    p : ndarray, shape (N,)          predicted P(y = 1) per user, each in [0, 1]
    y : ndarray, shape (N,)          labels, 0 or 1
    n_bins : int                     the number of equal-width bins on [0, 1], as in reliability_bins

    Returns
    -------
    ece : float                      the gap |confidence - frequency| of each bin, weighted by the
                                     share of the N users in that bin (counts / N), summed over bins

    This is the ECE of the fraud probability itself, P(y = 1), binned as reliability_bins bins it;
    not the "top-label" ECE of multi-class code, which bins max(p, 1 - p). An empty bin adds 0.

    Raises ValueError for an empty p (N = 0) and for labels other than 0 and 1.
    Do not modify p or y.
    """
    raise NotImplementedError("expected_calibration_error: write it, then run `make check S=07`")


# %%
def brier_score(p, y):
    """The Brier score of binary probabilities: the mean squared gap between p and the label.

    Parameters
    ----------
    p : ndarray, shape (N,)          predicted P(y = 1) per user
    y : ndarray, shape (N,)          labels, 0 or 1

    Returns
    -------
    brier : float                    one squared error per user, (p - y) ** 2, averaged over users

    The binary form: one term per user, not the multi-class form that adds a term per class (which
    is exactly twice this one for two classes).

    Raises ValueError for an empty p (N = 0) and for labels other than 0 and 1.
    Do not modify p or y.
    """
    raise NotImplementedError("brier_score: write it, then run `make check S=07`")


# %%
def temperature_nll(z, y, log_t):
    """Temperature scaling's loss and its gradient in log T. DERIVE THE GRADIENT YOURSELF.

    The model's logits z are divided by one temperature T = exp(log_t) > 0 before the sigmoid:
    p = sigmoid(z / T). The loss is the mean negative log-likelihood of the labels under these p.

    Parameters
    ----------
    z : ndarray, shape (N,)          logits (log-odds) of fraud, any real numbers, up to ±1000
    y : ndarray, shape (N,)          labels, 0 or 1
    log_t : float                    s = log T, any real number

    Returns
    -------
    nll : float                      mean over users of -(y log p + (1 - y) log(1 - p)), in nats
    grad : float                     d nll / d log_t: the derivative in s = log T, NOT in T

    Compute nll in a stable form: finite and exact for logits of ±1000 at any log_t, with no NumPy
    warning (never take the log of a probability that may have rounded to 0 or 1). Derive grad on
    paper first (the slides lead you there, derivations.py section 2 has the steps), and check
    it against central differences of your own nll.

    Raises ValueError for labels other than 0 and 1.
    Do not modify z or y.
    """
    raise NotImplementedError("temperature_nll: write it, then run `make check S=07`")


# %%
def fit_log_temperature(z, y, fit):
    """Fit the temperature on the fit split only: the log_t that minimises the mean NLL there.

    Parameters
    ----------
    z : ndarray, shape (N,)          logits of every user, the fit split and the held-out split
    y : ndarray, shape (N,)          their labels, 0 or 1
    fit : ndarray of bool, shape (N,)  True for the users to fit on; the others are held out to
                                     judge the calibration afterwards, and must not be used here

    Returns
    -------
    log_t : float                    s = log T minimising temperature_nll(z[fit], y[fit], s),
                                     to within 1e-6

    Work in s = log T, so T = exp(s) stays positive whatever step you take: a few Newton steps (or
    gradient steps) on s, with your temperature_nll's gradient, until it is below about 1e-9. The
    data have one minimum (the loss is convex in 1 / T); start from s = 0 (T = 1).

    Raises ValueError when fit selects no users.
    Do not modify z, y or fit.
    """
    raise NotImplementedError("fit_log_temperature: write it, then run `make check S=07`")


# %%
def expected_cost(p, y, threshold, c_fp, c_fn):
    """The average cost per user of flagging every user with p >= threshold.

    Parameters
    ----------
    p : ndarray, shape (N,)          predicted P(y = 1) per user
    y : ndarray, shape (N,)          labels, 0 or 1
    threshold : float                flag a user when p >= threshold (a tie is flagged)
    c_fp : float                     cost of flagging an honest user (a false positive), >= 0
    c_fn : float                     cost of letting a fraudulent user through (a false negative), >= 0

    Returns
    -------
    cost : float                     (c_fp * false positives + c_fn * false negatives) / N

    Raises ValueError for an empty p (N = 0) and for labels other than 0 and 1.
    Do not modify p or y.
    """
    raise NotImplementedError("expected_cost: write it, then run `make check S=07`")


# %%
def best_threshold(c_fp, c_fn):
    """The threshold t on a calibrated probability that minimises the expected cost.

    Parameters
    ----------
    c_fp : float or ndarray          cost of a false positive, >= 0
    c_fn : float or ndarray          cost of a false negative, >= 0 (broadcast against c_fp)

    Returns
    -------
    t : float or ndarray             the Bayes-optimal threshold: flag a user when p >= t; the
                                     broadcast shape of c_fp and c_fn

    Derive it (derivations.py, section 1): for one user with calibrated probability p, compare the
    expected cost of flagging them with that of letting them through.

    Raises ValueError when a cost is negative or when c_fp + c_fn == 0 (no decision matters).
    """
    raise NotImplementedError("best_threshold: write it, then run `make check S=07`")
