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
# # Session 03 — take-home exercises: softmax, likelihood and cross-entropy
#
# Fill in each function, then run `make check S=03`. Derive first (the slides, then compare
# with `derivations.py`), then translate the formula into NumPy. `softmax_jacobian` is the
# derive-it-yourself exercise: its docstring gives the shapes, not the formula.
#
# Conventions for the whole file: logits `z` are a 2-D float array of shape (N, C), one row per
# example and one column per class; labels `y` are integers of shape (N,) with values in 0..C-1
# (not one-hot). Every function must stay exact for logits as large as ±1000: NumPy must not warn
# about overflow, invalid values or log(0). `scipy` is not allowed; NumPy is all you need.
#
# Only the imports, `def`s and UPPER_CASE constants of this file are graded: experiment freely in
# extra cells, `make check` ignores them.

# %%
import numpy as np


# %%
def softmax(z):
    """Softmax of each row of z: positive probabilities that sum to 1 along each row.

    Parameters
    ----------
    z : ndarray, shape (N, C), float     logits: one row per example, one column per class

    Returns
    -------
    p : ndarray, shape (N, C)            p[n] = exp(z[n]) / sum(exp(z[n]))

    Hint: np.exp(1000) overflows to inf, and inf / inf is nan. Subtract each row's own max first,
    m = np.max(z, axis=1, keepdims=True): the shift cancels in the ratio (derivations.py proves
    it) and leaves exp of numbers <= 0 only. Keep keepdims=True so (N, 1) broadcasts along rows.
    No overflow or invalid-value warnings are allowed for logits up to ±1000. Do not modify z.
    """
    raise NotImplementedError("softmax: write it, then run `make check S=03`")


# %%
def log_softmax(z):
    """The log of softmax(z), row by row, computed without ever taking log(0).

    Parameters
    ----------
    z : ndarray, shape (N, C), float     logits

    Returns
    -------
    logp : ndarray, shape (N, C)         logp = z - logsumexp(z),
                                         logsumexp(z) = m + log(sum(exp(z - m), axis=1)),  m = row max

    Hint: np.log(softmax(z)) is right on paper, but a probability that underflows to 0.0 gives
    log(0) = -inf, while the true value (e.g. -2000) is finite. Work in log space: subtract the
    row max, then the log of the row's sum of exponentials. No warnings for logits up to ±1000.
    Do not modify z.
    """
    raise NotImplementedError("log_softmax: write it, then run `make check S=03`")


# %%
def softmax_jacobian(z_row):
    """The Jacobian of softmax for one row of logits: J[i, k] = d p_i / d z_k, p = softmax(z_row).

    Derive it yourself: this docstring gives the shapes, not the formula.

    Parameters
    ----------
    z_row : ndarray, shape (C,), float   logits of a single example (1-D)

    Returns
    -------
    J : ndarray, shape (C, C)            J[i, k] = d p_i / d z_k: row i is the output p_i,
                                         column k the input z_k (numerator layout)

    Hint: write p_i = e_i / S with e_i = exp(z_i) and S = sum_j exp(z_j). Differentiate S
    first, then use the quotient rule, once for k == i and once for k != i, and write the
    result in terms of p alone (slides: "the softmax Jacobian, step by step"). Check: every
    column of J sums to 0, because the p_i always sum to 1. You may reuse your softmax on
    z_row[None, :]. Stable for logits up to ±1000. Do not modify z_row.
    """
    raise NotImplementedError("softmax_jacobian: write it, then run `make check S=03`")


# %%
def cross_entropy_loss(z, y):
    """Mean cross-entropy of softmax(z) against integer labels y, and its gradient w.r.t. z.

    Parameters
    ----------
    z : ndarray, shape (N, C), float     logits
    y : ndarray, shape (N,), int         the true class of each row, values in 0..C-1

    Returns
    -------
    loss : float                         loss = -mean(log_softmax(z)[np.arange(N), y])
    dz : ndarray, shape (N, C)           dz = (softmax(z) - onehot(y)) / N

    Return them as a tuple (loss, dz). Hint: y holds class indices, not one-hot rows;
    z[np.arange(N), y] picks one entry per row (z[:, y] does not). The loss is a mean over the
    N rows, so each row's gradient carries a factor 1/N. Sanity check: with all logits equal,
    the loss is ln C. Use your log_softmax: exact for logits up to ±1000, no warnings.
    Do not modify z or y.
    """
    raise NotImplementedError("cross_entropy_loss: write it, then run `make check S=03`")


# %% [markdown]
# ## Try it here
# A scratch cell: ignored by `make check`.

# %%
if __name__ == "__main__":
    z = np.array([[2.0, 1.0, 0.1], [0.0, 0.0, 0.0]])
    y = np.array([0, 2])
    print(softmax(z))
    print(cross_entropy_loss(z, y))   # the second row alone would give ln 3 = 1.0986
