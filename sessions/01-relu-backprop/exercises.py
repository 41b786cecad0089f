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
# # Session 01 — take-home exercises: ReLU and the chain rule
#
# Fill in each function, then run `make check S=01`. Derive first (see `derivations.py`
# and the slides), then translate the formula into NumPy.
#
# Only the imports, `def`s and UPPER_CASE constants of this file are graded: experiment freely in
# extra cells, `make check` ignores them.

# %%
import numpy as np


# %%
def relu_forward(x):
    """ReLU, elementwise: the positive part of x.

    Parameters
    ----------
    x : ndarray, any shape (0-d and empty included), float or integer

    Returns
    -------
    out : ndarray, same shape as x        out = max(x, 0)

    Hint: one NumPy call. Do not modify x.
    """
    raise NotImplementedError("relu_forward: write it, then run `make check S=01`")


# %%
def relu_backward(dout, x):
    """Gradient of the loss with respect to x, given the upstream gradient dout.

    Parameters
    ----------
    dout : ndarray, same shape as x      upstream gradient dL/d(out)
    x : ndarray                          the input that relu_forward saw

    Returns
    -------
    dx : ndarray, same shape as x        dL/dx = dout * relu'(x)

    Hint: derive relu'(x) first (see derivations.py); it is piecewise. At x == 0 any value
    between 0 and dout is a valid subgradient. Do not modify dout or x.
    """
    raise NotImplementedError("relu_backward: write it, then run `make check S=01`")


# %%
def sigmoid_forward(x):
    """The logistic sigmoid, elementwise, computed without overflow.

    Parameters
    ----------
    x : ndarray, any shape, float or integer

    Returns
    -------
    s : ndarray, same shape as x         s = 1 / (1 + exp(-x))

    Hint: for x = -1000, np.exp(-x) overflows (NumPy warns, and the check fails). Use exp of a
    non-positive number only: z = np.exp(-np.abs(x)), then choose 1/(1+z) or z/(1+z) by the
    sign of x. No overflow warnings are allowed for |x| up to 1000.
    """
    raise NotImplementedError("sigmoid_forward: write it, then run `make check S=01`")


# %%
def sigmoid_backward(dout, x):
    """Gradient of the loss with respect to x through the sigmoid.

    Parameters
    ----------
    dout : ndarray, same shape as x      upstream gradient
    x : ndarray                          the input that sigmoid_forward saw

    Returns
    -------
    dx : ndarray, same shape as x        dx = dout * s * (1 - s),  s = sigmoid(x)

    Hint: reuse your sigmoid_forward; the same overflow rule applies. Do not modify dout or x.
    """
    raise NotImplementedError("sigmoid_backward: write it, then run `make check S=01`")


# %%
def neuron_forward(x, w):
    """A one-weight neuron, elementwise: f(x, w) = sigmoid(w * relu(x)).

    Parameters
    ----------
    x : ndarray, any shape
    w : float                            one weight, shared by every entry

    Returns
    -------
    out : ndarray, same shape as x       out = sigmoid(w * relu(x))
    """
    raise NotImplementedError("neuron_forward: write it, then run `make check S=01`")


# %%
def neuron_backward(dout, x, w):
    """Gradients of the loss through the neuron, by the chain rule.

    Parameters
    ----------
    dout : ndarray, same shape as x      upstream gradient
    x : ndarray
    w : float

    Returns
    -------
    dx : ndarray, same shape as x        dx = dout * s'(w * relu(x)) * w * relu'(x)
    dw : float                           dw = sum(dout * s'(w * relu(x)) * relu(x))

    Return them as a tuple (dx, dw). Hint: one w touches every entry, so its gradient is a sum.
    s'(z) = s(z) * (1 - s(z)). Do not modify the inputs.
    """
    raise NotImplementedError("neuron_backward: write it, then run `make check S=01`")


# %% [markdown]
# ## Try it here
# A scratch cell: ignored by `make check`.

# %%
if __name__ == "__main__":
    x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    print(relu_forward(x))
