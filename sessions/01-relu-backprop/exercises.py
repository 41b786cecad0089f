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
# and the slides), then translate the formula into NumPy. `neuron_backward` is the one you
# derive yourself: its docstring gives the task and the shapes, not the formulas. Derive it on
# paper, then compare your steps with `derivations.py`.
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

    Hint: for x = -1000, np.exp(-x) overflows (NumPy warns, and the check fails). Compute only
    exponentials that cannot overflow: first z = np.exp(-np.abs(x)) (its argument is never
    positive), then pick 1/(1+z) where x >= 0 and z/(1+z) where x < 0, e.g. with np.where.
    What still warns is np.where(x >= 0, 1/(1+np.exp(-x)), np.exp(x)/(1+np.exp(x))): NumPy
    computes both branches for every entry before it picks, so one of the two exps overflows.
    No overflow warnings are allowed for |x| up to 1000.
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
    """Gradients of the loss through the neuron f(x, w) = sigmoid(w * relu(x)).

    Derive it yourself: this docstring gives the task and the shapes, not the formulas.

    Parameters
    ----------
    dout : ndarray, same shape as x      upstream gradient dL/df, one entry per entry of f
    x : ndarray, any shape               the input neuron_forward saw
    w : float                            the one weight, shared by every entry

    Returns
    -------
    dx : ndarray, same shape as x        dL/dx
    dw : float                           dL/dw, one number

    Return them as a tuple (dx, dw). Hint: name the pieces (a = relu(x), z = w * a,
    f = sigmoid(z)), take each piece's local derivative at the forward pass's values, and
    multiply along the path from f back to x, and back to w (slides: "a tiny neuron").
    One w touches every entry: what does that do to its gradient? Your four functions
    above are the pieces. At x == 0 any slope of relu in [0, 1] is accepted. Check your
    answer against central differences of your neuron_forward. Do not modify the inputs.
    """
    raise NotImplementedError("neuron_backward: write it, then run `make check S=01`")


# %% [markdown]
# ## Try it here
# A scratch cell: ignored by `make check`.

# %%
if __name__ == "__main__":
    x = np.array([-2.0, -0.5, 0.0, 0.5, 2.0])
    print(relu_forward(x))
