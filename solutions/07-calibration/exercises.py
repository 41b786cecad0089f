"""Session 07 reference answers. Never shipped to learners (see `kit release`).

p is P(y = 1) per user, labels are 0/1, losses are means over users, bins are a count on [0, 1].
"""

import numpy as np


def _labels(y):
    y = np.asarray(y)
    if not np.isin(y, (0, 1)).all():
        raise ValueError("labels must be 0 or 1")
    return y.astype(float)


def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), _labels(y)
    if n_bins < 1 or ((p < 0) | (p > 1)).any():
        raise ValueError("n_bins must be at least 1 and every p in [0, 1]")
    b = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)   # p = 1.0 would be bin n_bins: clip it
    counts = np.bincount(b, minlength=n_bins).astype(float)
    safe = np.maximum(counts, 1)                                    # an empty bin's sums are 0: 0 / 1 = 0
    confidence = np.bincount(b, weights=p, minlength=n_bins) / safe
    frequency = np.bincount(b, weights=y, minlength=n_bins) / safe
    return counts, confidence, frequency


def expected_calibration_error(p, y, n_bins):
    if len(p) == 0:
        raise ValueError("no users: the ECE of nothing is undefined")
    counts, confidence, frequency = reliability_bins(p, y, n_bins)
    return np.sum(counts / len(p) * np.abs(confidence - frequency))   # each bin weighted by its share of users


def brier_score(p, y):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users: the mean of nothing is undefined")
    return np.mean((np.asarray(p, dtype=float) - y) ** 2)


def _sigmoid(u):
    return np.exp(-np.logaddexp(0.0, -u))                           # 1 / (1 + e^-u), with no overflow


def temperature_nll(z, y, log_t):
    y = _labels(y)
    u = np.asarray(z, dtype=float) / np.exp(log_t)                  # step 1: u = z / T
    nll = np.mean(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)   # softplus(u) - y u
    grad = np.mean((_sigmoid(u) - y) * -u)                          # steps 2-5: (sigmoid(u) - y) * du/ds, du/ds = -u
    return nll, grad


def fit_log_temperature(z, y, fit):
    fit = np.asarray(fit, dtype=bool)
    if not fit.any():
        raise ValueError("the fit split is empty")
    z, y = np.asarray(z, dtype=float)[fit], _labels(y)[fit]
    s = 0.0                                                         # T = 1: the model as it is
    for _ in range(100):
        _, grad = temperature_nll(z, y, s)
        if abs(grad) < 1e-12:
            break
        u, sig = z / np.exp(s), _sigmoid(z / np.exp(s))
        hess = np.mean((sig - y) * u + sig * (1 - sig) * u**2)      # d2 nll / ds2
        step = grad / hess if hess > 0 else grad                    # Newton where it curves up
        s -= np.clip(step, -1.0, 1.0)                               # in s, any step keeps T = exp(s) > 0
    return s


def expected_cost(p, y, threshold, c_fp, c_fn):
    y = _labels(y)
    if len(y) == 0:
        raise ValueError("no users: the mean cost of nothing is undefined")
    flagged = np.asarray(p) >= threshold                            # a tie is flagged
    false_pos = np.sum(flagged & (y == 0))
    false_neg = np.sum(~flagged & (y == 1))
    return (c_fp * false_pos + c_fn * false_neg) / len(y)


def best_threshold(c_fp, c_fn):
    c_fp, c_fn = np.asarray(c_fp, dtype=float), np.asarray(c_fn, dtype=float)
    if (c_fp < 0).any() or (c_fn < 0).any() or (c_fp + c_fn == 0).any():
        raise ValueError("costs must be >= 0 and not both 0")
    # flag when c_fp * (1 - p) <= c_fn * p, i.e. p >= c_fp / (c_fp + c_fn)
    return c_fp / (c_fp + c_fn)
