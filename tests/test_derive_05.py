"""Session 05's derivations against independent methods: central finite differences for the
gradient, numpy.linalg for the minimiser, a brute-force search over step sizes for the optimal
step and its rate, plain loops of gradient descent for the step bound, and Kingma & Ba's
Algorithm 1 and Polyak's two-term recurrence, written out here, for the optimizer updates."""

from __future__ import annotations

import numpy as np
import sympy as sp
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, session_named
from kit import derive
from numeric import gradient

S05 = session_named("05-optimization")


@pytest.fixture(scope="module")
def refs():
    return derive.load(S05, ROOT)


def spd(rng, d, kappa):
    q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    mu = rng.uniform(0.2, 3.0)
    eigenvalues = np.concatenate([[mu], rng.uniform(mu, kappa * mu, size=d - 2), [kappa * mu]])
    A = q @ np.diag(eigenvalues) @ q.T
    return (A + A.T) / 2


problems = st.tuples(st.integers(0, 2**32 - 1), st.integers(2, 7), st.floats(1.0, 200.0))


@settings(max_examples=40, deadline=None)
@given(problem=problems)
def test_quadratic_gradient_matches_central_differences(refs, problem):
    seed, d, kappa = problem
    rng = np.random.default_rng(seed)
    A, b, w = spd(rng, d, kappa), rng.normal(size=d), rng.normal(size=d)
    grad = refs["quadratic_gradient"](A, b, w)
    assert grad.shape == w.shape
    numeric = gradient(lambda v: refs["quadratic_loss"](A, b, v), w)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-5 * (1 + np.abs(A).max()))


@settings(max_examples=40, deadline=None)
@given(problem=problems)
def test_quadratic_loss_is_the_double_sum(refs, problem):
    seed, d, kappa = problem
    rng = np.random.default_rng(seed)
    A, b, w = spd(rng, d, kappa), rng.normal(size=d), rng.normal(size=d)
    loop = sum(0.5 * A[i, j] * w[i] * w[j] for i in range(d) for j in range(d)) - sum(b[i] * w[i] for i in range(d))
    np.testing.assert_allclose(refs["quadratic_loss"](A, b, w), loop, rtol=1e-10, atol=1e-10)


@settings(max_examples=30, deadline=None)
@given(problem=problems)
def test_minimiser_has_zero_gradient_and_is_lowest(refs, problem):
    seed, d, kappa = problem
    rng = np.random.default_rng(seed)
    A, b = spd(rng, d, kappa), rng.normal(size=d)
    w_star = refs["quadratic_minimiser"](A, b)
    np.testing.assert_allclose(w_star, np.linalg.lstsq(A, b, rcond=None)[0], rtol=1e-6, atol=1e-8)
    f_star = refs["quadratic_loss"](A, b, w_star)
    for _ in range(5):
        assert refs["quadratic_loss"](A, b, w_star + 0.1 * rng.normal(size=d)) > f_star


@pytest.mark.parametrize("mu,L", [pytest.param(1.0, 10.0, id="kappa-10"), pytest.param(0.3, 30.0, id="kappa-100"),
                                  pytest.param(2.0, 2.0, id="kappa-1")])
def test_optimal_step_beats_a_grid_of_steps(refs, mu, L):
    """Brute force: the worst contraction max(|1 - lr mu|, |1 - lr L|) over a fine grid of lr."""
    grid = np.linspace(1e-4, 2.5 / L, 200001)
    worst = np.maximum(np.abs(1 - grid * mu), np.abs(1 - grid * L))
    lr, rate = float(refs["optimal_step"](L, mu)), float(refs["convergence_factor"](L, mu))
    assert abs(grid[np.argmin(worst)] - lr) < 2 * (grid[1] - grid[0])
    np.testing.assert_allclose(worst.min(), rate, atol=1e-4)
    np.testing.assert_allclose(rate, (L / mu - 1) / (L / mu + 1))


def test_error_shrinks_by_the_rate_each_step_on_diag(refs):
    """On A = diag(mu, L) with the optimal step, each coordinate's error is multiplied by +-rate."""
    mu, L = 0.5, 12.0
    A, b = np.diag([mu, L]), np.array([1.0, -2.0])
    w_star = np.linalg.solve(A, b)
    lr, rate = float(refs["optimal_step"](L, mu)), float(refs["convergence_factor"](L, mu))
    w = np.array([3.0, 4.0])
    for _ in range(10):
        e = w - w_star
        w = refs["sgd_step"](w, refs["quadratic_gradient"](A, b, w), lr)
        np.testing.assert_allclose(np.abs(w - w_star), rate * np.abs(e), rtol=1e-9, atol=1e-12)


def test_steps_above_two_over_L_diverge(refs):
    A, b = np.diag([1.0, 10.0]), np.zeros(2)
    for lr, grows in [(0.21, True), (0.19, False)]:
        w = np.ones(2)
        for _ in range(200):
            w = refs["sgd_step"](w, refs["quadratic_gradient"](A, b, w), lr)
        assert (np.linalg.norm(w) > 1e3) == grows


@settings(max_examples=30, deadline=None)
@given(problem=problems, tol_exp=st.integers(-10, -2))
def test_gradient_descent_stops_within_the_bound(refs, problem, tol_exp):
    seed, d, kappa = problem
    rng = np.random.default_rng(seed)
    A, b, w = spd(rng, d, min(kappa, 60.0)), rng.normal(size=d), rng.normal(size=d)
    eigenvalues = np.linalg.eigvalsh(A)
    L, mu = eigenvalues[-1], eigenvalues[0]
    lr, tol = 2 / (L + mu), 10.0 ** tol_exp
    g0 = np.linalg.norm(A @ w - b)
    bound = float(refs["steps_bound"](L, mu, g0, tol))
    steps = 0
    while np.linalg.norm(A @ w - b) > tol:
        w = w - lr * (A @ w - b)
        steps += 1
        assert steps <= bound + 1, f"{steps} steps, bound {bound}"
    assert bound >= 0


def test_steps_bound_is_zero_when_already_converged(refs):
    assert float(refs["steps_bound"](10.0, 1.0, 1e-9, 1e-6)) == 0


def test_momentum_is_polyaks_two_term_recurrence(refs):
    """w_{k+1} = w_k - lr g_k + beta (w_k - w_{k-1}), iterated independently."""
    rng = np.random.default_rng(5)
    A, b = spd(rng, 4, 20.0), rng.normal(size=4)
    lr, beta = 0.03, 0.85
    w, velocity = rng.normal(size=4), np.zeros(4)
    prev, cur = w.copy(), w.copy()
    for _ in range(30):
        w, velocity = refs["momentum_step"](w, refs["quadratic_gradient"](A, b, w), velocity, lr, beta)
        prev, cur = cur, cur - lr * (A @ cur - b) + beta * (cur - prev)
        np.testing.assert_allclose(w, cur, rtol=1e-10, atol=1e-12)


def kingma_ba(theta, grads_of, alpha, beta1, beta2, eps, steps):
    """Algorithm 1 of the Adam paper, line by line."""
    m, v, t = np.zeros_like(theta), np.zeros_like(theta), 0
    path = []
    while t < steps:
        t = t + 1
        g = grads_of(theta)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        theta = theta - alpha * m_hat / (np.sqrt(v_hat) + eps)
        path.append((theta, m, v))
    return path


@pytest.mark.parametrize("betas", [pytest.param((0.9, 0.999, 1e-8), id="defaults"), pytest.param((0.5, 0.9, 1e-3), id="other")])
def test_adam_matches_the_papers_algorithm(refs, betas):
    rng = np.random.default_rng(7)
    A, b = spd(rng, 3, 10.0), rng.normal(size=3)
    grads_of = lambda w: A @ w - b          # noqa: E731
    w0 = rng.normal(size=3)
    expected = kingma_ba(w0, grads_of, 0.02, *betas, steps=60)
    w, m, v = w0, np.zeros(3), np.zeros(3)
    for t, (want_w, want_m, want_v) in enumerate(expected, start=1):
        w, m, v = refs["adam_step"](w, refs["quadratic_gradient"](A, b, w), m, v, t, 0.02, *betas)
        np.testing.assert_allclose(w, want_w, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(m, want_m, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(v, want_v, rtol=1e-10, atol=1e-12)


def test_adam_bias_correction_is_exact_for_a_constant_gradient(refs):
    """With the same gradient every step, m_hat = g and the step is lr * g / (|g| + eps) for every t."""
    g = np.array([0.3, -2.0, 5.0])
    w, m, v = np.zeros(3), np.zeros(3), np.zeros(3)
    for t in range(1, 40):
        w_new, m, v = refs["adam_step"](w, g, m, v, t, 0.1, 0.9, 0.999, 1e-8)
        np.testing.assert_allclose(w - w_new, 0.1 * g / (np.abs(g) + 1e-8), rtol=1e-9)
        w = w_new


def test_sgd_step_moves_downhill(refs):
    rng = np.random.default_rng(3)
    A, b, w = spd(rng, 5, 10.0), rng.normal(size=5), rng.normal(size=5)
    w_new = refs["sgd_step"](w, refs["quadratic_gradient"](A, b, w), 0.01)
    assert refs["quadratic_loss"](A, b, w_new) < refs["quadratic_loss"](A, b, w)


@pytest.mark.parametrize("beta", [0.9, 0.999, 0.5])
def test_adam_bias_factor_matches_a_moving_average_run_from_zero(beta):
    """Step 4b of the Adam derivation: a moving average started at 0 and fed the same x is too small
    by the derived factor after t updates (here by running the average, not by summing a series)."""
    import runpy

    derivation = runpy.run_path(str(S05.derivations_file), run_name="derivations")
    factor = sp.lambdify((derivation["b_"], derivation["t"]), derivation["shrink"], "numpy")
    x, average = 3.7, 0.0
    for t in range(1, 60):
        average = beta * average + (1 - beta) * x
        assert average / x == pytest.approx(factor(beta, t), rel=1e-12)
    assert factor(beta, 1) == pytest.approx(1 - beta)
