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
# # Session 02 — take-home exercises: linear layers and least squares
#
# Fill in each function, then run `make check S=02`. Derive first (see `derivations.py`
# and the slides), then translate the formula into NumPy. `linear_mse_gradient` is the one
# you derive yourself: its docstring gives the task and the shapes, not the formula. Derive it on
# paper, then compare your steps with `derivations.py`.
#
# Layout used throughout: x is (N, D), one sample per row; W is (D, M); b is (M,); out is (N, M).
# Every gradient has the shape of what it is the gradient of: dW.shape == W.shape.
#
# Only the imports, `def`s and UPPER_CASE constants of this file are graded: experiment freely in
# extra cells, `make check` ignores them.

# %%
import numpy as np


# %%
def affine_forward(x, W, b):
    """The affine (fully connected) layer: every sample times W, plus b.

    Parameters
    ----------
    x : ndarray, shape (N, d1, ..., dk)   N samples; each sample has D = d1 * ... * dk numbers
    W : ndarray, shape (D, M)             weights
    b : ndarray, shape (M,)               bias, one entry per output

    Returns
    -------
    out : ndarray, shape (N, M)           out = x.reshape(N, D) @ W + b

    Hint: reshape x to (N, D) first, with N = x.shape[0] (a 2-D x already is (N, D)). `+ b`
    broadcasts b to every row. Do not modify the inputs (`x.shape = ...` would).
    """
    raise NotImplementedError("affine_forward: write it, then run `make check S=02`")


# %%
def affine_backward(dout, x, W, b):
    """Gradients of the loss through the affine layer, given the upstream gradient dout.

    Parameters
    ----------
    dout : ndarray, shape (N, M)          upstream gradient dL/d(out)
    x : ndarray, shape (N, d1, ..., dk)   the input affine_forward saw
    W : ndarray, shape (D, M)
    b : ndarray, shape (M,)

    Returns
    -------
    dx : ndarray, same shape as x         dx = (dout @ W.T).reshape(x.shape)
    dW : ndarray, shape (D, M)            dW = x.reshape(N, D).T @ dout
    db : ndarray, shape (M,)              db = dout.sum(axis=0)

    Return them as a tuple (dx, dW, db). Hint: check each shape first, e.g. dW must be
    (D, M) like W: which product of x (N, D) and dout (N, M) gives that? b is added to
    every row, so its gradient is a sum over the N rows. Do not modify the inputs.
    """
    raise NotImplementedError("affine_backward: write it, then run `make check S=02`")


# %%
def mse_loss(y_pred, y):
    """Mean squared error, averaged over ALL entries, and its gradient in y_pred.

    Parameters
    ----------
    y_pred : ndarray, shape (N,) or (N, M)   predictions
    y : ndarray, same shape as y_pred        targets

    Returns
    -------
    loss : float                             loss = np.mean((y_pred - y) ** 2)
    dy_pred : ndarray, same shape as y_pred  dy_pred = 2 * (y_pred - y) / y_pred.size

    Return them as a tuple (loss, dy_pred). Hint: the mean divides by the number of entries
    (y_pred.size, which is N * M for a 2-D y_pred), and so does its gradient. Do not modify
    the inputs.
    """
    raise NotImplementedError("mse_loss: write it, then run `make check S=02`")


# %%
def linear_mse_gradient(X, W, Y):
    """The gradient in W of the mean squared error of a linear model, L(W) = mean((X @ W - Y) ** 2).

    Derive it yourself: this docstring gives the task and the shapes, not the formula.

    Parameters
    ----------
    X : ndarray, shape (N, D)     inputs, one sample per row
    W : ndarray, shape (D, M)     weights; or shape (D,) for one output (then Y is (N,))
    Y : ndarray, shape (N, M)     targets; or shape (N,)

    Returns
    -------
    dW : ndarray, same shape as W    dL/dW, with the mean taken over all N * M entries

    Hint: name the pieces (P = X @ W, then L = the mean of (P - Y) ** 2), take the loss's
    gradient in P first, then carry it back through P = X @ W (slides: "your turn: the
    gradient of the loss in W"). Count the entries the mean divides by. Check the shape of
    every intermediate array. Do not modify the inputs.
    """
    raise NotImplementedError("linear_mse_gradient: write it, then run `make check S=02`")


# %%
def normal_equations(X, y):
    """The least-squares weights: the w that minimises mean((X @ w - y) ** 2).

    Parameters
    ----------
    X : ndarray, shape (N, D)     design matrix, N > D, columns linearly independent
    y : ndarray, shape (N,)       targets

    Returns
    -------
    w : ndarray, shape (D,)       the solution of (X.T @ X) w = X.T @ y

    Hint: the loss's gradient in w (your linear_mse_gradient) is zero exactly when
    (X.T @ X) w = X.T @ y. Solve that linear system with np.linalg.solve; do not form the
    inverse (np.linalg.lstsq(X, y) also works, but it returns a tuple). X has full column rank
    (its columns are linearly independent), so X.T @ X is invertible and the solution unique.
    Do not modify the inputs.
    """
    raise NotImplementedError("normal_equations: write it, then run `make check S=02`")


# %%
def gradient_descent_step(w, X, y, lr):
    """One step of gradient descent on L(w) = mean((X @ w - y) ** 2).

    Parameters
    ----------
    w : ndarray, shape (D,)       current weights
    X : ndarray, shape (N, D)
    y : ndarray, shape (N,)
    lr : float                    learning rate (step size)

    Returns
    -------
    w_new : ndarray, shape (D,)   w_new = w - lr * grad, grad = dL/dw

    Hint: grad is the gradient you derived for linear_mse_gradient, with one output (M = 1).
    Return a new array: do not modify w (`w -= ...` would).
    """
    raise NotImplementedError("gradient_descent_step: write it, then run `make check S=02`")


# %% [markdown]
# ## Try it here
# A scratch cell: ignored by `make check`.

# %%
if __name__ == "__main__":
    rng = np.random.default_rng(0)
    x = rng.normal(size=(4, 2, 3))
    W = rng.normal(size=(6, 5))
    b = rng.normal(size=5)
    print(affine_forward(x, W, b).shape)   # (4, 5)
