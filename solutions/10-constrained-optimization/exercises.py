"""Session 10 reference answers. Never shipped to learners (see `kit release`)."""

import numpy as np


def ridge(X, y, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0: a negative penalty rewards large weights")
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    xbar, ybar = X.mean(axis=0), y.mean()
    Xc, yc = X - xbar, y - ybar                       # dJ/db = 0: b = ybar - xbar @ w
    w = np.linalg.solve(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T @ yc)
    return w, ybar - xbar @ w


def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    p = np.array(x, dtype=float)                      # a copy: never the caller's array
    norm = np.linalg.norm(p)
    if norm <= radius:                                # inside: mu = 0, nothing moves
        return p
    return p * (radius / norm)                        # active: mu = norm / radius - 1


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0:
        raise ValueError("v must be a non-empty 1-D array")
    if not radius > 0:
        raise ValueError("radius must be > 0")
    u = np.sort(v)[::-1]                              # decreasing
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)                      # positions counted from 1
    rho = j[u - (css - radius) / j > 0][-1]           # the last position still in the support
    theta = (css[rho - 1] - radius) / rho
    return np.maximum(v - theta, 0.0)


def projected_gradient_descent(A, b, radius, x0, lr, steps):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * (A.T @ (A @ x - b))              # a gradient step on 1/2 ||A x - b||**2
        norm = np.linalg.norm(x)
        if norm > radius:                             # then back into the ball
            x = x * (radius / norm)
    return x


def solve_eq_qp(Q, c, A, b):
    Q, A = np.asarray(Q, dtype=float), np.asarray(A, dtype=float)
    n, m = Q.shape[0], A.shape[0]
    K = np.block([[Q, A.T], [A, np.zeros((m, m))]])
    if np.linalg.matrix_rank(K) < n + m:
        raise ValueError("the KKT matrix is singular: are A's rows linearly dependent?")
    sol = np.linalg.solve(K, np.concatenate([-np.asarray(c, dtype=float), np.asarray(b, dtype=float)]))
    return sol[:n], sol[n:]
