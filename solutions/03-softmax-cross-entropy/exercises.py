"""Session 03 reference answers. Never shipped to learners (see `kit release`)."""

import numpy as np


def softmax(z):
    # Shift each row by its own max: exp of numbers <= 0 never overflows, and the shift cancels.
    shifted = z - np.max(z, axis=1, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=1, keepdims=True)          # each row sums to 1


def log_softmax(z):
    # log p = z - logsumexp(z), with logsumexp(z) = m + log(sum(exp(z - m))): no log of a tiny p.
    shifted = z - np.max(z, axis=1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=1, keepdims=True))


def softmax_jacobian(z_row):
    p = softmax(z_row[None, :])[0]                       # one row as a (1, C) batch
    return np.diag(p) - np.outer(p, p)                   # dp_i/dz_k = p_i (delta_ik - p_k)


def cross_entropy_loss(z, y):
    n = z.shape[0]
    logp = log_softmax(z)
    loss = -np.mean(logp[np.arange(n), y])               # the batch mean of -log p[y]
    dz = np.exp(logp)                                    # p = softmax(z)
    dz[np.arange(n), y] -= 1                             # p - onehot(y): -1 at each true class
    return float(loss), dz / n                           # the mean brings 1/N into every row
