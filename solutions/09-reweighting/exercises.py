"""Session 09 reference answers. Never shipped to learners (see `kit release`).

Layout: X is (N, D), users in rows, used as given; y, weights, probabilities are (N,).
"""

import numpy as np


def weighted_least_squares(X, y, weights):
    X, y, w = (np.asarray(a, dtype=float) for a in (X, y, weights))
    XtW = X.T * w                            # X.T @ diag(w) without building the (N, N) matrix
    return np.linalg.solve(XtW @ X, XtW @ y)  # the normal equations (X^T W X) theta = X^T W y


def weighted_cross_entropy(theta, X, y, weights):
    w = np.asarray(weights, dtype=float)
    if not w.sum() > 0:
        raise ValueError("weights sum to 0: nothing to average")
    z = np.asarray(X, dtype=float) @ theta
    per_row = np.logaddexp(0.0, z) - y * z   # -(y log p + (1 - y) log(1 - p)), stable for large |z|
    return np.sum(w * per_row) / np.sum(w)   # divided by the total weight, not by N


def weighted_cross_entropy_grad(theta, X, y, weights):
    X, w = np.asarray(X, dtype=float), np.asarray(weights, dtype=float)
    if not w.sum() > 0:
        raise ValueError("weights sum to 0: nothing to average")
    z = X @ theta
    p = np.exp(-np.logaddexp(0.0, -z))       # sigmoid(z) = 1 / (1 + exp(-z)), without overflow
    return X.T @ (w * (p - y)) / np.sum(w)   # dl/dz = p - y per row; dz/dtheta = x_n


def density_ratio_weights(p_target, n_source, n_target):
    c = np.asarray(p_target, dtype=float)
    if np.any((c < 0) | (c >= 1)):
        raise ValueError("P(target | x) must be in [0, 1)")
    odds = c / (1 - c)                       # Bayes: the odds are p_t/p_s times the prior odds n_t/n_s
    return odds * n_source / n_target        # ... so divide the prior odds back out


def effective_sample_size(weights):
    w = np.asarray(weights, dtype=float)
    if not np.any(w != 0):
        raise ValueError("all weights are 0: no effective sample")
    return np.sum(w) ** 2 / np.sum(w ** 2)


def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    w = np.array(weights, dtype=float)       # a copy: the caller's weights stay as they were
    R, A = np.asarray(region_totals, dtype=float), np.asarray(age_totals, dtype=float)
    if not np.isclose(R.sum(), A.sum()):
        raise ValueError("region_totals and age_totals must have the same sum")
    margins = ((region, R), (age_band, A))
    for codes, totals in margins:
        if np.any((totals > 0) & (np.bincount(codes[w > 0], minlength=len(totals)) == 0)):
            raise ValueError("a category with a positive target has no user with positive weight")

    def residual(w):
        return max(np.abs(np.bincount(codes, weights=w, minlength=len(totals)) - totals).max()
                   for codes, totals in margins)

    steps = 0
    while steps < max_steps and residual(w) > tol:
        for codes, totals in margins:         # regions first, then age bands
            current = np.bincount(codes, weights=w, minlength=len(totals))
            factor = np.divide(totals, current, out=np.zeros_like(totals), where=current > 0)
            w = w * factor[codes]
        steps += 1
    return w, steps
