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
# # Session 05 — take-home exercises: gradient descent, momentum and Adam
#
# Fill in each function, then run `make check S=05`. Derive first (see `derivations.py`
# and the slides), then translate the formula into NumPy.
#
# The model problem is the quadratic bowl f(w) = 1/2 w.T A w - b.T w, with A symmetric positive
# definite. Every optimizer step here is a *pure function*: it takes the current state (w and the
# optimizer's memory) and returns the new state as new arrays. It never changes its inputs.
#
# Only the imports, `def`s and UPPER_CASE constants of this file are graded: experiment freely in
# extra cells, `make check` ignores them.

# %%
import numpy as np


# %%
def quadratic_loss(A, b, w):
    """The quadratic bowl f(w) = 1/2 w.T A w - b.T w.

    Parameters
    ----------
    A : ndarray, shape (D, D)           symmetric positive definite
    b : ndarray, shape (D,)
    w : ndarray, shape (D,)

    Returns
    -------
    f : float                           f = 0.5 * w @ A @ w - b @ w

    Hint: one line with `@`. Do not modify the inputs.
    """
    raise NotImplementedError("quadratic_loss: write it, then run `make check S=05`")


# %%
def quadratic_gradient(A, b, w):
    """Gradient of the quadratic bowl with respect to w.

    Parameters
    ----------
    A : ndarray, shape (D, D)           symmetric positive definite
    b : ndarray, shape (D,)
    w : ndarray, shape (D,)

    Returns
    -------
    grad : ndarray, shape (D,)          grad = A @ w - b

    Hint: derivations.py differentiates f entry by entry on a 2x2 and a 3x3 matrix of symbols;
    the 1/2 cancels against the 2 from w appearing twice (A is symmetric). The check compares
    your gradient with finite differences of your quadratic_loss too. Do not modify the inputs.
    """
    raise NotImplementedError("quadratic_gradient: write it, then run `make check S=05`")


# %%
def optimal_step_size(A):
    """The best fixed step for gradient descent on f, and how fast it converges.

    Parameters
    ----------
    A : ndarray, shape (D, D)           symmetric positive definite, not necessarily diagonal

    Returns
    -------
    lr : float                          lr = 2 / (L + mu)
    rate : float                        rate = (L - mu) / (L + mu) = (kappa - 1) / (kappa + 1)

    where L and mu are the largest and smallest eigenvalues of A and kappa = L / mu.
    Return them as a tuple (lr, rate).

    Hint: np.linalg.eigvalsh(A) returns the eigenvalues of a symmetric matrix in ascending order.
    The diagonal entries of A are its eigenvalues only when A is diagonal. Do not modify A.
    """
    raise NotImplementedError("optimal_step_size: write it, then run `make check S=05`")


# %%
def sgd_step(w, grad, lr):
    """One step of (stochastic) gradient descent.

    Parameters
    ----------
    w : ndarray, any shape              the parameters
    grad : ndarray, same shape as w     the gradient of the loss at w
    lr : float                          the learning rate (step size), > 0

    Returns
    -------
    w_new : ndarray, same shape as w    w_new = w - lr * grad

    Hint: return a new array. `w -= lr * grad` changes the caller's w: the check looks for that.
    """
    raise NotImplementedError("sgd_step: write it, then run `make check S=05`")


# %%
def momentum_step(w, grad, velocity, lr, beta):
    """One step of gradient descent with (heavy-ball) momentum, PyTorch's convention.

    Parameters
    ----------
    w : ndarray, any shape              the parameters
    grad : ndarray, same shape as w     the gradient of the loss at w
    velocity : ndarray, same shape as w the velocity after the previous step (zeros before the first)
    lr : float                          the learning rate, > 0
    beta : float                        the momentum, 0 <= beta < 1

    Returns
    -------
    w_new : ndarray, same shape as w           w_new = w - lr * velocity_new
    velocity_new : ndarray, same shape as w    velocity_new = beta * velocity + grad

    Return them as a tuple (w_new, velocity_new). Hint: update the velocity first, then move w
    with the *new* velocity. (CS231n writes v = beta * v - lr * grad; w = w + v: the same path,
    with v scaled by -lr. Here use the convention above.) Do not modify the inputs.
    """
    raise NotImplementedError("momentum_step: write it, then run `make check S=05`")


# %%
def adam_step(w, grad, m, v, t, lr, beta1=0.9, beta2=0.999, eps=1e-8):
    """One step of Adam (Kingma & Ba, 2015, Algorithm 1). Derive the update yourself.

    Adam keeps, for every entry of w, two exponential moving averages that start at zero: m of
    the gradient (decay rate beta1) and v of the squared gradient (decay rate beta2). It moves
    each entry of w by about lr, whatever the scale of that entry's gradient, and it corrects
    both averages for having started at zero, so that a gradient that never changes would give
    back exactly grad and grad**2 at every step.

    Parameters
    ----------
    w : ndarray, any shape              the parameters
    grad : ndarray, same shape as w     the gradient of the loss at w
    m : ndarray, same shape as w        the average of the gradient after the previous step
                                        (zeros before the first step)
    v : ndarray, same shape as w        the average of the squared gradient after the previous
                                        step (zeros before the first step)
    t : int                             the number of this step, counting from 1: t = 1 on the
                                        first call (with m = v = 0), t = 2 on the second, and so
                                        on. The caller has already counted it; use it as given.
    lr : float                          the learning rate, > 0
    beta1, beta2 : float                decay rates in [0, 1): the weight each average keeps on
                                        its old value
    eps : float                         added to the denominator of the move, after the square
                                        root, so it stays finite where v is 0

    Returns
    -------
    w_new : ndarray, same shape as w    the parameters after this step's move
    m_new : ndarray, same shape as w    the average of the gradient, updated with grad
    v_new : ndarray, same shape as w    the average of the squared gradient, updated with grad**2

    Return them as a tuple (w_new, m_new, v_new). m_new and v_new are the state the caller passes
    back in on the next step: the averages themselves, before any correction.

    Derive it in four steps (the slides lead you through them; derivations.py, section 4, has
    each step for when you are stuck):
    1. write one update of a moving average with decay rate beta;
    2. unroll it from 0 with the same value every step: after t updates, by what factor is it
       too small?
    3. undo that factor for m and for v (why must t start at 1?);
    4. move each entry by lr times a ratio of the two corrected averages that is about +-1
       whatever the gradient's scale (what has the units of grad?), with eps as above.
    Do not modify the inputs.
    """
    raise NotImplementedError("adam_step: write it, then run `make check S=05`")


# %%
def gd_to_tolerance(A, b, w0, tol, max_steps):
    """Gradient descent on f with the optimal fixed step, until the gradient is small.

    Parameters
    ----------
    A : ndarray, shape (D, D)           symmetric positive definite
    b : ndarray, shape (D,)
    w0 : ndarray, shape (D,)            the starting point
    tol : float                         stop once np.linalg.norm(grad) <= tol
    max_steps : int                     never take more steps than this

    Returns
    -------
    w : ndarray, shape (D,)             the last iterate
    steps : int                         how many updates were applied to reach it

    Return them as a tuple (w, steps). Use lr = 2 / (L + mu) from optimal_step_size(A). Starting
    from w = w0 and steps = 0: while steps < max_steps and np.linalg.norm(grad(w)) > tol, do
    w = w - lr * grad(w) and steps += 1. (If w0 already meets the tolerance, return (w0, 0).)

    Hint: derivations.py bounds the number of steps: ceil(log(tol / ||grad(w0)||) / log(rate)).
    A step size picked by hand (0.1, 1 / L) either diverges on some A or needs more steps than
    that bound. Do not modify w0 (`w = w0` names the same array; start from a copy).
    """
    raise NotImplementedError("gd_to_tolerance: write it, then run `make check S=05`")


# %% [markdown]
# ## Try it here
# A scratch cell: ignored by `make check`.

# %%
if __name__ == "__main__":
    A = np.array([[1.0, 0.0], [0.0, 10.0]])
    b = np.array([1.0, 1.0])
    print(quadratic_gradient(A, b, np.zeros(2)))
