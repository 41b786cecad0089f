"""Session 04 reference answers. Never shipped to learners (see `kit release`)."""

import numpy as np


def two_layer_forward(X, W1, b1, W2, b2):
    z1 = X @ W1 + b1                   # first linear layer      (N, H)
    h1 = np.maximum(z1, 0)             # ReLU                    (N, H)
    scores = h1 @ W2 + b2              # second linear layer     (N, C)
    cache = (X, W1, W2, z1, h1)        # what backward needs; nothing here is written to later
    return scores, cache


def two_layer_backward(dscores, cache):
    X, W1, W2, z1, h1 = cache
    dW2 = h1.T @ dscores               # scores = h1 @ W2 + b2:  dW2 = h1.T @ upstream
    db2 = dscores.sum(axis=0)          # b2 is shared by the N rows: sum them
    dh1 = dscores @ W2.T               # ... and back into h1
    dz1 = dh1 * (z1 > 0)               # ReLU: keep the gradient where z1 > 0 (a new array)
    dW1 = X.T @ dz1                    # z1 = X @ W1 + b1: the same three lines again
    db1 = dz1.sum(axis=0)
    dX = dz1 @ W1.T
    return dX, dW1, db1, dW2, db2


def softmax_loss(scores, y):
    n = scores.shape[0]
    rows = np.arange(n)
    shifted = scores - scores.max(axis=1, keepdims=True)            # softmax(s - m) == softmax(s)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_p[rows, y].mean()      # mean negative log-probability of the right class
    dscores = np.exp(log_p)            # p, a new array
    dscores[rows, y] -= 1              # p - onehot(y)
    return loss, dscores / n           # the mean over N samples: 1/N


def numerical_gradient(f, x, h=1e-5):
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        old = x[idx]
        x[idx] = old + h
        f_plus = f(x)                  # f(x + h e_idx)
        x[idx] = old - h
        f_minus = f(x)                 # f(x - h e_idx)
        x[idx] = old                   # restore: the caller's x is unchanged afterwards
        grad[idx] = (f_plus - f_minus) / (2 * h)     # central difference: error O(h**2)
    return grad


def rel_error(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))


# ── grading helpers: `make check` calls your functions through these; keep them as they are ──
PROBES = {
    "exp": lambda x: np.sum(np.exp(2 * x)),
    "cubic": lambda x: np.sum(x ** 3),
    "coupled": lambda x: np.sum(x) ** 2 / 2 + np.sum(np.sin(x)),
}


def _probe_numerical_gradient(name, x):
    return numerical_gradient(PROBES[name], x)


def _probe_backward(dscores, X, W1, b1, W2, b2, passes=1):
    _, cache = two_layer_forward(X, W1, b1, W2, b2)
    for _ in range(passes):
        grads = two_layer_backward(dscores, cache)
    return grads
