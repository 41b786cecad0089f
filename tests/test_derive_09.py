"""Session 09's derivations against independent methods: Monte Carlo for importance weighting and
for Kish's effective sample size, np.linalg.lstsq on duplicated or sqrt-scaled rows for weighted
least squares, central finite differences for the weighted cross-entropy's gradient, exact Bayes'
rule on small discrete distributions for the density ratio, and the multiplicative form of the
KL projection (plus the margins) for raking."""

from __future__ import annotations

import runpy

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, session_named
from kit import derive
from numeric import gradient

S09 = session_named("09-reweighting")
seeds = st.integers(0, 2**32 - 1)


@pytest.fixture(scope="module")
def refs():
    return derive.load(S09, ROOT)


@pytest.fixture(scope="module")
def derivation():
    return runpy.run_path(str(S09.derivations_file), run_name="derivations")


def test_every_symbolic_step_is_proved(derivation):
    for name in ("importance_identity", "importance_gaussian", "weights_average_one", "normal_equations", "sqrt_rows",
                 "duplicates", "scale_free", "stable_proved", "step2", "step3", "row_gradient", "batch_gradient",
                 "ce_duplicates", "density_ratio", "prior_matters", "kish_proved", "kish_equal", "kish_scale",
                 "multiplicative", "step_meets_margin"):
        assert derivation[name] is True, name


# ── importance weighting ────────────────────────────────────────────────────────────────────────
def test_importance_weighting_by_monte_carlo(derivation):
    """E_q[x^2] for q = N(mu, 1) is 1 + mu^2; estimate it from draws of p = N(0, 1) weighted by q/p
    (the ratio SymPy simplified, lambdified), within 5 standard errors."""
    mu_value, n = 0.8, 400_000
    ratio = sp.lambdify(derivation["x"], derivation["ratio"].subs(derivation["mu"], mu_value), "numpy")
    x = np.random.default_rng(0).normal(size=n)
    terms = ratio(x) * x ** 2
    assert abs(terms.mean() - (1 + mu_value ** 2)) < 5 * terms.std() / np.sqrt(n)
    weights = ratio(x)
    assert abs(weights.mean() - 1) < 5 * weights.std() / np.sqrt(n)          # raw weights average 1 under p


# ── weighted least squares ──────────────────────────────────────────────────────────────────────
@settings(max_examples=50, deadline=None)
@given(n=st.integers(4, 15), d=st.integers(1, 4), seed=seeds)
def test_wls_equals_ordinary_least_squares_on_duplicated_rows(refs, n, d, seed):
    rng = np.random.default_rng(seed)
    X, y, w = rng.normal(size=(n, d)), rng.normal(size=n), rng.integers(1, 4, size=n)
    np.testing.assert_allclose(refs["weighted_least_squares"](X, y, w),
                               np.linalg.lstsq(np.repeat(X, w, axis=0), np.repeat(y, w), rcond=None)[0], rtol=1e-8, atol=1e-10)


@settings(max_examples=50, deadline=None)
@given(n=st.integers(4, 15), d=st.integers(1, 4), seed=seeds)
def test_wls_zeroes_the_gradient_of_the_weighted_loss(refs, n, d, seed):
    rng = np.random.default_rng(seed)
    X, y, w = rng.normal(size=(n, d)), rng.normal(size=n), rng.uniform(0.1, 5.0, size=n)
    theta = refs["weighted_least_squares"](X, y, w)
    loss = lambda t: np.sum(w * (y - X @ t) ** 2)  # noqa: E731
    np.testing.assert_allclose(gradient(loss, theta), 0, atol=1e-6 * (1 + np.sum(w * y ** 2)))
    np.testing.assert_allclose(theta, np.linalg.lstsq(X * np.sqrt(w)[:, None], y * np.sqrt(w), rcond=None)[0], rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(refs["weighted_least_squares"](X, y, 1000 * w), theta, rtol=1e-8, atol=1e-10)


# ── weighted cross-entropy ──────────────────────────────────────────────────────────────────────
def logistic_problem(seed, n=12, d=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=d), rng.normal(size=(n, d)), rng.integers(0, 2, size=n), rng.uniform(0.1, 4.0, size=n)


@settings(max_examples=50, deadline=None)
@given(seed=seeds)
def test_weighted_cross_entropy_is_the_weighted_average_of_naive_row_losses(refs, seed):
    theta, X, y, w = logistic_problem(seed)
    p = 1 / (1 + np.exp(-(X @ theta)))
    naive = -(y * np.log(p) + (1 - y) * np.log(1 - p))
    np.testing.assert_allclose(refs["weighted_cross_entropy"](theta, X, y, w), np.average(naive, weights=w), rtol=1e-10)


@settings(max_examples=50, deadline=None)
@given(seed=seeds)
def test_weighted_cross_entropy_gradient_by_central_differences(refs, seed):
    theta, X, y, w = logistic_problem(seed)
    numeric = gradient(lambda t: refs["weighted_cross_entropy"](t, X, y, w), theta)
    np.testing.assert_allclose(refs["weighted_cross_entropy_grad"](theta, X, y, w), numeric, rtol=1e-6, atol=1e-8)


def test_weighted_cross_entropy_gradient_matches_sympy(refs, derivation):
    """The general NumPy gradient against SymPy's own derivative of the 3-row batch loss."""
    X, Y, w, theta = (derivation[k] for k in ("X", "Y", "w", "theta"))
    rng = np.random.default_rng(5)
    values = {**dict(zip(X, rng.normal(size=6))), **dict(zip(Y, [1, 0, 1])), **dict(zip(w, [0.7, 2.5, 1.2])),
              theta[0]: 0.3, theta[1]: -1.1}
    sympy_grad = np.array([float(g.subs(values)) for g in derivation["dL"]])
    args = (np.array([values[theta[0]], values[theta[1]]]), np.array([[float(values[X[n, j]]) for j in range(2)] for n in range(3)]),
            np.array([1, 0, 1]), np.array([0.7, 2.5, 1.2]))
    np.testing.assert_allclose(refs["weighted_cross_entropy_grad"](*args), sympy_grad, rtol=1e-10)


def test_weighted_cross_entropy_duplicates_scale_and_zero_weights(refs):
    theta, X, y, _ = logistic_problem(3, n=8)
    w = np.array([0, 1, 2, 3, 1, 0, 2, 1])
    dup = refs["weighted_cross_entropy"](theta, np.repeat(X, w, axis=0), np.repeat(y, w), np.ones(w.sum()))
    np.testing.assert_allclose(refs["weighted_cross_entropy"](theta, X, y, w), dup, rtol=1e-12)
    np.testing.assert_allclose(refs["weighted_cross_entropy"](theta, X, y, 7.5 * w), dup, rtol=1e-12)
    for name in ("weighted_cross_entropy", "weighted_cross_entropy_grad"):
        with pytest.raises(ValueError):
            refs[name](theta, X, y, np.zeros(8))


# ── density-ratio weights ───────────────────────────────────────────────────────────────────────
@settings(max_examples=60, deadline=None)
@given(seed=seeds, ns=st.integers(1, 5000), nt=st.integers(1, 5000))
def test_density_ratio_is_exact_on_discrete_distributions(refs, seed, ns, nt):
    """On K outcomes, the Bayes posterior of the pool gives back p_t / p_s exactly."""
    rng = np.random.default_rng(seed)
    p_s, p_t = rng.dirichlet(np.ones(6)), rng.dirichlet(np.ones(6))
    posterior = nt * p_t / (nt * p_t + ns * p_s)
    np.testing.assert_allclose(refs["density_ratio_weights"](posterior, ns, nt), p_t / p_s, rtol=1e-9)


def test_density_ratio_monte_carlo(refs):
    """Pool samples, estimate P(target | k) by counting (the best classifier on K outcomes), and the
    weighted source mean of f matches the target mean of f."""
    rng = np.random.default_rng(1)
    p_s, p_t, f = np.array([0.5, 0.3, 0.15, 0.05]), np.array([0.1, 0.2, 0.3, 0.4]), np.array([1.0, -2.0, 3.0, 5.0])
    ns, nt = 200_000, 20_000
    source, target = rng.choice(4, size=ns, p=p_s), rng.choice(4, size=nt, p=p_t)
    count_s, count_t = np.bincount(source, minlength=4), np.bincount(target, minlength=4)
    classifier = count_t / (count_s + count_t)                 # the best classifier on the pool: a count
    w = refs["density_ratio_weights"](classifier[source], ns, nt)
    assert abs(np.mean(w * f[source]) - f @ p_t) < 0.05
    assert abs(np.mean(w) - 1) < 0.02


def test_density_ratio_refuses_certain_probabilities(refs):
    for bad in ([0.2, 1.0], [1.3], [-0.1, 0.5]):
        with pytest.raises(ValueError):
            refs["density_ratio_weights"](np.array(bad), 10, 10)


# ── effective sample size ───────────────────────────────────────────────────────────────────────
def test_effective_sample_size_is_the_variance_ratio_by_monte_carlo(refs):
    """Var of the weighted mean of N(0, 1) draws, over many repetitions, is 1 / n_eff."""
    rng = np.random.default_rng(2)
    w = rng.exponential(size=30) ** 2
    draws = rng.normal(size=(100_000, 30))
    variance = np.var(draws @ w / w.sum())
    assert abs(variance * refs["effective_sample_size"](w) - 1) < 0.02


@settings(max_examples=60, deadline=None)
@given(seed=seeds, n=st.integers(1, 40))
def test_effective_sample_size_lies_between_one_and_n(refs, seed, n):
    w = np.random.default_rng(seed).uniform(0, 10, size=n)
    n_eff = refs["effective_sample_size"](w)
    assert 1 - 1e-12 <= n_eff <= n + 1e-9
    np.testing.assert_allclose(refs["effective_sample_size"](np.full(n, 3.3)), n)
    np.testing.assert_allclose(refs["effective_sample_size"](w * 1e-3), n_eff, rtol=1e-12)
    with pytest.raises(ValueError):
        refs["effective_sample_size"](np.zeros(n))


# ── raking ──────────────────────────────────────────────────────────────────────────────────────
@settings(max_examples=30, deadline=None)
@given(seed=seeds, regions=st.integers(2, 4), bands=st.integers(2, 5))
def test_raking_meets_margins_in_the_multiplicative_form(refs, seed, regions, bands):
    """The KL projection is w0 * a[region] * b[band] with the margins met; both are checked, the first
    by least squares on log(w / w0) against one-hot columns (residual 0 when the form holds)."""
    rng = np.random.default_rng(seed)
    n = 3 * regions * bands
    cells = rng.permutation(np.arange(n) % (regions * bands))
    reg, age = np.divmod(cells, bands)
    w0 = rng.uniform(0.3, 3.0, n)
    R = 100 * rng.dirichlet(np.ones(regions) * 2)
    A = 100 * rng.dirichlet(np.ones(bands) * 2)
    w, steps = refs["rake"](w0, reg, age, R, A, 1e-10, 5000)
    assert steps < 5000
    np.testing.assert_allclose(np.bincount(reg, weights=w), R, atol=1e-9)
    np.testing.assert_allclose(np.bincount(age, weights=w), A, atol=1e-9)
    design = np.column_stack([reg == k for k in range(regions)] + [age == k for k in range(bands)]).astype(float)
    log_ratio = np.log(w / w0)
    fitted = design @ np.linalg.lstsq(design, log_ratio, rcond=None)[0]
    np.testing.assert_allclose(fitted, log_ratio, atol=1e-7)


def test_raking_a_2x2_table_matches_the_closed_form(refs):
    """With one user per cell of a 2 x 2 table and start weights 1, the solution is w = a_r b_g with
    a_0 b_0 + a_0 b_1 = R_0 etc.: one free cell, fixed by the odds ratio, solved by hand below."""
    reg, age = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    R, A = np.array([30.0, 70.0]), np.array([40.0, 60.0])
    w, _ = refs["rake"](np.ones(4), reg, age, R, A, 1e-12, 10_000)
    # Margins leave one free cell t = w[0]: w = (t, 30 - t, 40 - t, 30 + t). Independence (odds ratio 1,
    # the multiplicative form with equal starts) picks t (30 + t) = (30 - t)(40 - t): t = 12.
    np.testing.assert_allclose(w, [12.0, 18.0, 28.0, 42.0], rtol=1e-9)


def test_raking_refuses_infeasible_targets(refs):
    reg, age = np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1])
    with pytest.raises(ValueError):
        refs["rake"](np.ones(4), reg, age, np.array([10.0, 20.0]), np.array([15.0, 14.0]))
    with pytest.raises(ValueError):
        refs["rake"](np.ones(4), np.zeros(4, int), age, np.array([10.0, 20.0]), np.array([15.0, 15.0]))
