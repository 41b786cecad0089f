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
# # Session 04 — take-home exercises: backpropagation through a two-layer network
#
# Fill in each function, then run `make check S=04`. Derive first (the slides, then compare
# with `derivations.py`), then translate the formula into NumPy. `two_layer_backward` is the
# derive-it-yourself exercise: its docstring gives the shapes and the cache, not the formulas.
#
# The network: `scores = relu(X @ W1 + b1) @ W2 + b2`, then softmax cross-entropy.
# Shapes: X (N, D), W1 (D, H), b1 (H,), W2 (H, C), b2 (C,), scores (N, C), y (N,) integer labels.
# Every gradient has the shape of its variable: dW1.shape == W1.shape, db1.shape == b1.shape, ...
#
# Only the imports, `def`s and UPPER_CASE constants of this file are graded: experiment freely in
# extra cells, `make check` ignores them.

# %%
import numpy as np


# %%
def two_layer_forward(X, W1, b1, W2, b2):
    """Forward pass: linear → ReLU → linear. Returns the scores and a cache for the backward pass.

    Parameters
    ----------
    X : ndarray (N, D)       the inputs, one sample per row
    W1 : ndarray (D, H)      first layer weights
    b1 : ndarray (H,)        first layer bias
    W2 : ndarray (H, C)      second layer weights
    b2 : ndarray (C,)        second layer bias

    Returns
    -------
    scores : ndarray (N, C)  scores = relu(X @ W1 + b1) @ W2 + b2, with relu(z) = max(z, 0)
    cache : tuple            whatever your two_layer_backward needs, e.g. (X, W1, W2, z1, h1)
                             with z1 = X @ W1 + b1 and h1 = relu(z1)

    Return them as a tuple (scores, cache). Hint: three lines, one per layer. Keep every array
    you put in the cache unchanged afterwards (backward reads it later). Do not modify the inputs.
    """
    raise NotImplementedError("two_layer_forward: write it, then run `make check S=04`")


# %%
def two_layer_backward(dscores, cache):
    """Backward pass: the gradient of the loss with respect to X and to every parameter.

    Derive it yourself: this docstring gives the shapes, not the formulas.

    Parameters
    ----------
    dscores : ndarray (N, C)   upstream gradient dL/dscores (e.g. from softmax_loss)
    cache : tuple              exactly what your two_layer_forward returned as its cache:
                               the forward's intermediate arrays, e.g. (X, W1, W2, z1, h1)
                               with X (N, D), W1 (D, H), W2 (H, C), z1 (N, H), h1 (N, H)

    Returns
    -------
    dX : ndarray (N, D)        dL/dX
    dW1 : ndarray (D, H)       dL/dW1
    db1 : ndarray (H,)         dL/db1
    dW2 : ndarray (H, C)       dL/dW2
    db2 : ndarray (C,)         dL/db2

    Return them as a tuple (dX, dW1, db1, dW2, db2). Each gradient has the shape of its
    variable. Hint: walk the graph backwards, X -> z1 -> h1 -> scores, one node at a time,
    upstream gradient times the node's local derivative (slides: "the chain rule, node by
    node"; the linear layer of session 02, the ReLU of session 01). Write each intermediate
    gradient's shape next to it: an (N, H) array can only come from a few products of the
    arrays you have. A transpose is not a reshape. At z1 == 0 exactly, any ReLU slope in
    [0, 1] is accepted. Graded through your two_layer_forward's cache: write that first.
    Do not modify dscores or anything in the cache: backward may be called twice on it.
    """
    raise NotImplementedError("two_layer_backward: write it, then run `make check S=04`")


# %%
def softmax_loss(scores, y):
    """Softmax cross-entropy, averaged over the N samples, and its gradient.

    Parameters
    ----------
    scores : ndarray (N, C)   raw class scores; entries may be large (±1000)
    y : ndarray (N,) int      the right class of each sample, in 0..C-1

    Returns
    -------
    loss : float              loss = -np.mean(np.log(p[np.arange(N), y])),  p = softmax of each row
    dscores : ndarray (N, C)  dscores = (p - onehot(y)) / N

    Return them as a tuple (loss, dscores). Hint: subtract each row's max before np.exp (the
    softmax does not change, and exp cannot overflow). Compute the loss before anything writes
    into p. Do not modify scores or y.
    """
    raise NotImplementedError("softmax_loss: write it, then run `make check S=04`")


# %%
def numerical_gradient(f, x, h=1e-5):
    """The gradient of a scalar function f at x, by central differences, one entry at a time.

    Parameters
    ----------
    f : callable             f(x) -> float, for an array x of x's shape
    x : ndarray, float, any shape (1-D, 2-D, 3-D, ...)
    h : float                the step

    Returns
    -------
    grad : ndarray, x's shape   grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2 * h)
                                where e_i is 1 at entry i and 0 elsewhere

    Hint: loop over every index with np.ndindex(x.shape); remember the old value, set
    x[i] = old + h and old - h, evaluate f each time, then put the old value back. Central,
    not forward, differences: (f(x + h e_i) - f(x)) / h is off by about h * f''(x) / 2.
    The caller's x must be unchanged when you return.
    """
    raise NotImplementedError("numerical_gradient: write it, then run `make check S=04`")


# %%
def rel_error(a, b):
    """The largest relative error between two arrays, as gradient checks report it.

    Parameters
    ----------
    a, b : ndarray (same shape) or float

    Returns
    -------
    err : float   np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))

    Hint: the 1e-8 floor keeps 0 / 0 away where both entries are 0. Read the result as:
    about 1e-7 or less fine, about 1e-4 suspicious, about 1e-2 wrong. Do not modify a or b.
    """
    raise NotImplementedError("rel_error: write it, then run `make check S=04`")


# %% [markdown]
# ## Grading helpers: do not edit
# `make check` can only send arrays to your functions, not Python functions, so it calls
# `numerical_gradient` on these three test functions through `_probe_numerical_gradient`, and
# `two_layer_backward` with the cache of your own `two_layer_forward` through `_probe_backward`.
# They are not exercises; leave them as they are.

# %%
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


# %% [markdown]
# ## Try it here
# A scratch cell: ignored by `make check`. Check your backward against your numerical_gradient.

# %%
if __name__ == "__main__":
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(4, 3)), np.array([0, 2, 1, 2])
    W1, b1, W2, b2 = rng.normal(size=(3, 5)), rng.normal(size=5), rng.normal(size=(5, 3)), rng.normal(size=3)

    def loss_of(W):            # the loss as a function of W1 alone
        return softmax_loss(two_layer_forward(X, W, b1, W2, b2)[0], y)[0]

    scores, cache = two_layer_forward(X, W1, b1, W2, b2)
    loss, dscores = softmax_loss(scores, y)
    dX, dW1, db1, dW2, db2 = two_layer_backward(dscores, cache)
    print("loss", loss, " rel_error(dW1, numeric)", rel_error(dW1, numerical_gradient(loss_of, W1)))
