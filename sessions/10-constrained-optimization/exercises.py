# %% [markdown]
# # Session 10 — Constrained optimisation: exercises
#
# Write each function, then run `make check S=10`.
# Layout: X is (N, D), one user per row; vectors are 1-D arrays; A is (m, n), one constraint per row.
# A Lagrangian ADDS each constraint times its multiplier: L = f + nu @ (A @ x - b).
# No function may modify its inputs; every function returns new arrays.

# %%
import numpy as np


# %%
def ridge(X, y, lam):
    """Ridge regression with an unpenalised intercept, in closed form.

    Minimises the SUM of squared errors plus the penalty (not a mean):

        J(w, b) = ||X @ w + b - y||**2 + lam * ||w||**2        (b is NOT penalised)

    Parameters
    ----------
    X : ndarray, shape (N, D)      one user per row, one feature per column
    y : ndarray, shape (N,)        targets
    lam : float                    the penalty's weight, lam >= 0 (on the scale of the SUM above:
                                   the same data repeated twice needs twice the lam for the same w)

    Returns
    -------
    w : ndarray, shape (D,)        the weights
    b : float                      the intercept (a Python float or a 0-d array)

    Raises
    ------
    ValueError                     if lam < 0 (the "penalty" would reward large weights)

    Hint: set dJ/db = 0 first (derivations.py, section 2): what does it say about b, and what is
    left for w once b is put back?
    """
    raise NotImplementedError("ridge: write it, then run `make check S=10`")


# %%
def project_l2_ball(x, radius=1.0):
    """The Euclidean projection of x onto the ball {z : ||z|| <= radius}: the point of the ball
    nearest to x.

    Derive it yourself: write the problem  minimise 1/2 ||z - x||**2  subject to ||z||**2 <= radius**2
    with a multiplier, and solve its KKT conditions (the slides walk through the first steps).

    Parameters
    ----------
    x : ndarray, shape (D,)        the point to project
    radius : float                 the ball's radius, radius >= 0

    Returns
    -------
    p : ndarray, shape (D,)        the nearest point of the ball; a NEW array (x is never returned
                                   itself or modified), equal to x when x is already in the ball

    Raises
    ------
    ValueError                     if radius < 0 (no such ball)
    """
    raise NotImplementedError("project_l2_ball: write it, then run `make check S=10`")


# %%
def project_simplex(v, radius=1.0):
    """The Euclidean projection of v onto the simplex {x : x >= 0, sum(x) == radius}.

    Use the sort-based algorithm (derivations.py, section 4): sort v in decreasing order to u,
    find rho, the number of entries kept positive, set the threshold theta from the top rho entries of u,
    and return maximum(v - theta, 0). Count positions from 1 where the derivation does.

    Parameters
    ----------
    v : ndarray, shape (D,)        a 1-D vector, D >= 1
    radius : float                 the sum the answer must have, radius > 0 (radius = 1: probabilities)

    Returns
    -------
    x : ndarray, shape (D,)        x >= 0, x.sum() == radius, the point nearest v; a NEW array: when v is
                                   already on the simplex the answer equals v but is not v itself,
                                   and v is never modified

    Raises
    ------
    ValueError                     if v is not 1-D (or is empty), or radius <= 0
    """
    raise NotImplementedError("project_simplex: write it, then run `make check S=10`")


# %%
def projected_gradient_descent(A, b, radius, x0, lr, steps):
    """`steps` steps of projected gradient descent on f(x) = 1/2 ||A @ x - b||**2 over the ball
    ||x|| <= radius:

        x = project_l2_ball(x - lr * grad_f(x), radius),    repeated `steps` times, starting at x = x0

    Parameters
    ----------
    A : ndarray, shape (N, D)      b : ndarray, shape (N,)
    radius : float                 the ball's radius, radius >= 0
    x0 : ndarray, shape (D,)       the start, used as given (it need not lie in the ball; the first
                                   step's projection brings the iterate in)
    lr : float                     the step size, lr > 0
    steps : int                    how many steps, steps >= 0 (steps = 0 returns a copy of x0)

    Returns
    -------
    x : ndarray, shape (D,)        the iterate after `steps` steps (a new array; x0 is not modified)

    Raises
    ------
    ValueError                     if radius < 0

    Hint: derive grad_f with derivations.py, section 6; you may call your project_l2_ball.
    """
    raise NotImplementedError("projected_gradient_descent: write it, then run `make check S=10`")


# %%
def solve_eq_qp(Q, c, A, b):
    """Solve  minimise 1/2 x @ Q @ x + c @ x  subject to  A @ x == b  through its KKT linear system.

    The multiplier convention (the sign matters): L(x, nu) = 1/2 x @ Q @ x + c @ x + nu @ (A @ x - b).
    Setting the gradient of L in x and in nu to zero gives a square linear system in (x, nu); build it
    with np.block and solve it (derivations.py, section 5).

    Parameters
    ----------
    Q : ndarray, shape (n, n)      symmetric, positive definite on the null space of A (it may be
                                   singular itself: then only the KKT system, not Q alone, is solvable)
    c : ndarray, shape (n,)
    A : ndarray, shape (m, n)      m <= n constraints, one per row
    b : ndarray, shape (m,)

    Returns
    -------
    x : ndarray, shape (n,)        the minimiser
    nu : ndarray, shape (m,)       the multipliers, with the sign of L above

    Raises
    ------
    ValueError                     if the KKT matrix is singular (e.g. A's rows are linearly dependent):
                                   then the multipliers are not unique. np.linalg.LinAlgError counts
                                   as a ValueError (it is a subclass).
    """
    raise NotImplementedError("solve_eq_qp: write it, then run `make check S=10`")
