"""Session 10's derivations against independent methods: central finite differences of the loss (ridge's
gradient vanishes at its answer, the QP's Lagrangian is stationary), brute force over every support for
the simplex projection, Monte Carlo sampling of the sets (no feasible point is nearer than a projection),
ridge with a bisected penalty for the ball-constrained least squares that projected gradient descent
solves, a null-space solve for the QP, and grids for the two small KKT problems SymPy solved."""

from __future__ import annotations

import itertools
import runpy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from conftest import ROOT, session_named
from kit import derive
from numeric import gradient

S10 = session_named("10-constrained-optimization")
floats = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
seeds = st.integers(0, 2**32 - 1)


@pytest.fixture(scope="module")
def refs():
    return derive.load(S10, ROOT)


@pytest.fixture(scope="module")
def derivation():
    return runpy.run_path(str(S10.derivations_file), run_name="derivations")


def test_small_kkt_problems_match_a_grid(derivation):
    """(a) x^2 + 2y^2 on the line x + y = 1; (b) (x-2)^2 + (y-1)^2 on the half-plane x + y <= 1."""
    sym = {str(k): float(v) for k, v in derivation["eq_solution"][0].items()}
    t = np.linspace(-3, 3, 600001)                     # the line: (t, 1 - t)
    best = t[np.argmin(t**2 + 2 * (1 - t) ** 2)]
    assert abs(best - sym["x"]) < 1e-4 and abs(1 - best - sym["y"]) < 1e-4
    # nu = -(d optimal value / d s): perturb the constraint level s and difference the grid optimum
    value = lambda s: np.min(t**2 + 2 * (s - t) ** 2)  # noqa: E731
    assert abs(-(value(1 + 1e-3) - value(1 - 1e-3)) / 2e-3 - sym["nu"]) < 1e-3
    g = np.linspace(-3, 3, 1201)
    X, Y = np.meshgrid(g, g)
    f = np.where(X + Y <= 1, (X - 2) ** 2 + (Y - 1) ** 2, np.inf)
    i = np.unravel_index(np.argmin(f), f.shape)
    kkt = {str(k): float(v) for k, v in derivation["kkt_points"][0].items()}
    assert abs(X[i] - kkt["x"]) < 1e-2 and abs(Y[i] - kkt["y"]) < 1e-2
    # mu's stationarity, by central differences: grad f + mu grad g = 0 at the KKT point
    grad_f = gradient(lambda p: (p[0] - 2) ** 2 + (p[1] - 1) ** 2, np.array([kkt["x"], kkt["y"]]))
    np.testing.assert_allclose(grad_f + kkt["mu"] * np.ones(2), 0, atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(seed=seeds, n=st.integers(3, 15), d=st.integers(1, 4), lam=st.floats(0.1, 100))
def test_ridge_gradient_vanishes_at_its_answer(refs, seed, n, d, lam):
    """The SUM loss ||X w + b - y||^2 + lam ||w||^2 is stationary (central differences) at ridge's (w, b)."""
    rng = np.random.default_rng(seed)
    X, y = rng.normal(5, 3, size=(n, d)), rng.normal(20, 4, size=n)
    w, b = refs["ridge"](X, y, lam)
    J = lambda p: np.sum((X @ p[:d] + p[d] - y) ** 2) + lam * np.sum(p[:d] ** 2)  # noqa: E731
    scale = 1 + np.sum((X @ w + b - y) ** 2)
    np.testing.assert_allclose(gradient(J, np.append(w, b)) / scale, 0, atol=1e-5)


def test_ridge_mean_loss_is_the_sum_loss_with_n_lam(refs):
    """A MEAN loss with lam is minimised by ridge(X, y, N * lam): central differences of the mean loss."""
    rng = np.random.default_rng(5)
    X, y, lam = rng.normal(2, 1, size=(9, 3)), rng.normal(size=9), 0.7
    w, b = refs["ridge"](X, y, 9 * lam)
    J = lambda p: np.mean((X @ p[:3] + p[3] - y) ** 2) + lam * np.sum(p[:3] ** 2)  # noqa: E731
    np.testing.assert_allclose(gradient(J, np.append(w, b)), 0, atol=1e-7)


def brute_simplex(v, r):
    """Every support S: theta = (sum v_S - r) / |S|; the one whose x_S > 0 and v_i <= theta off S (KKT)."""
    for k in range(1, len(v) + 1):
        for S in itertools.combinations(range(len(v)), k):
            theta = (v[list(S)].sum() - r) / k
            off = [i for i in range(len(v)) if i not in S]
            if all(v[i] - theta > 0 for i in S) and all(v[i] <= theta + 1e-12 for i in off):
                return np.maximum(v - theta, 0)
    raise AssertionError("no support satisfies KKT")


@settings(max_examples=80, deadline=None)
@given(v=arrays(float, st.integers(1, 7), elements=floats), r=st.floats(0.1, 5))
def test_simplex_projection_matches_brute_force_over_supports(refs, v, r):
    np.testing.assert_allclose(refs["project_simplex"](v, r), brute_simplex(v, r), atol=1e-9)


def test_simplex_threshold_identity_numerically(derivation):
    """j (u_j - theta_j) = r - g(u_j), with g(t) = sum max(u_i - t, 0), for sorted random u."""
    rng = np.random.default_rng(0)
    for _ in range(50):
        u, r = np.sort(rng.normal(size=6))[::-1], rng.uniform(0.1, 3)
        for j in range(1, 7):
            theta_j = (u[:j].sum() - r) / j
            assert abs(j * (u[j - 1] - theta_j) - (r - np.maximum(u - u[j - 1], 0).sum())) < 1e-12
    assert derivation["threshold_identity"] and derivation["off_by_one_breaks"]


@settings(max_examples=40, deadline=None)
@given(seed=seeds, d=st.integers(2, 6))
def test_projections_are_nearest_among_random_feasible_points(refs, seed, d):
    """Monte Carlo: no sampled point of the simplex or ball is nearer to v than its projection."""
    rng = np.random.default_rng(seed)
    v, r = rng.normal(scale=2, size=d), rng.uniform(0.2, 3)
    for p, samples in ((refs["project_simplex"](v, r), r * rng.dirichlet(np.ones(d), size=2000)),
                       (refs["project_l2_ball"](v, r), r * rng.uniform(size=(2000, 1)) ** (1 / d)
                        * (z := rng.normal(size=(2000, d))) / np.linalg.norm(z, axis=1, keepdims=True))):
        assert np.linalg.norm(v - p) <= np.min(np.linalg.norm(samples - v, axis=1)) + 1e-12


@settings(max_examples=60, deadline=None)
@given(x=arrays(float, st.integers(1, 6), elements=floats), r=st.floats(0, 5))
def test_ball_projection_is_idempotent_and_satisfies_the_variational_inequality(refs, x, r):
    p = refs["project_l2_ball"](x, r)
    assert np.linalg.norm(p) <= r * (1 + 1e-12) + 1e-15
    np.testing.assert_allclose(refs["project_l2_ball"](p, r), p, atol=1e-12)
    rng = np.random.default_rng(0)
    for z in rng.normal(size=(50, len(x))):
        z = z * r * rng.uniform() / max(np.linalg.norm(z), 1e-300)
        assert np.dot(x - p, z - p) <= 1e-9 * (1 + np.dot(x, x))


def test_pgd_reaches_the_ball_constrained_least_squares(refs):
    """The independent answer: ridge's x(mu) = (A^T A + mu I)^-1 A^T b, with mu bisected so ||x(mu)|| = r
    (the penalty as the constraint's multiplier, derivations.py section 2)."""
    rng = np.random.default_rng(1)
    A, b = rng.normal(size=(8, 3)), 3 * rng.normal(size=8)
    x_of = lambda mu: np.linalg.solve(A.T @ A + mu * np.eye(3), A.T @ b)  # noqa: E731
    r = 0.5 * np.linalg.norm(x_of(0.0))
    lo, hi = 0.0, 1e6
    for _ in range(200):
        lo, hi = ((lo + hi) / 2, hi) if np.linalg.norm(x_of((lo + hi) / 2)) > r else (lo, (lo + hi) / 2)
    lr = 1 / np.linalg.eigvalsh(A.T @ A)[-1]
    np.testing.assert_allclose(refs["projected_gradient_descent"](A, b, r, np.zeros(3), lr, 3000), x_of(lo), atol=1e-8)


@settings(max_examples=40, deadline=None)
@given(seed=seeds, n=st.integers(2, 6), data=st.data())
def test_qp_matches_the_null_space_method_and_its_lagrangian_is_stationary(refs, seed, n, data):
    m = data.draw(st.integers(1, n - 1))
    rng = np.random.default_rng(seed)
    G = rng.normal(size=(n, n))
    Q, c, A, b = G @ G.T + 0.1 * np.eye(n), rng.normal(size=n), rng.normal(size=(m, n)), rng.normal(size=m)
    x, nu = refs["solve_eq_qp"](Q, c, A, b)
    Z = np.linalg.svd(A)[2][m:].T                       # null space of A
    x_p = np.linalg.lstsq(A, b, rcond=None)[0]
    x_ns = x_p + Z @ np.linalg.solve(Z.T @ Q @ Z, -Z.T @ (Q @ x_p + c))
    np.testing.assert_allclose(x, x_ns, atol=1e-7 * (1 + np.abs(x_ns).max()))
    L = lambda z: 0.5 * z[:n] @ Q @ z[:n] + c @ z[:n] + z[n:] @ (A @ z[:n] - b)  # noqa: E731
    np.testing.assert_allclose(gradient(L, np.concatenate([x, nu])), 0, atol=1e-5 * (1 + np.abs(nu).max()))
