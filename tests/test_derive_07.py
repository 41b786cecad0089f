"""Session 07's derivations against independent methods: brute-force threshold sweeps and Monte Carlo
for the Bayes-optimal threshold, central finite differences for the temperature gradient, a grid search
for the fitted temperature, np.histogram and plain loops for the bins and the ECE, and numeric binned
forecasts for the Brier decomposition."""

from __future__ import annotations

import runpy

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from conftest import ROOT, session_named
from kit import derive
from numeric import central

S07 = session_named("07-calibration")
seeds = st.integers(0, 2**32 - 1)


@pytest.fixture(scope="module")
def refs():
    return derive.load(S07, ROOT)


@pytest.fixture(scope="module")
def derivation():
    return runpy.run_path(str(S07.derivations_file), run_name="derivations")


def naive_nll(z, y, log_t):
    """The textbook form, fine for moderate logits: -(y log p + (1 - y) log(1 - p)), p = sigmoid(z / T)."""
    p = 1 / (1 + np.exp(-z / np.exp(log_t)))
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))


# ── 1. the threshold ──────────────────────────────────────────────────────────
@settings(max_examples=40, deadline=None)
@given(c_fp=st.floats(0.1, 20), c_fn=st.floats(0.1, 20))
def test_best_threshold_minimises_the_cost_of_one_user(refs, c_fp, c_fn):
    """Brute force over p: flagging is cheaper exactly where p >= t*."""
    t = float(refs["best_threshold"](c_fp, c_fn))
    p = np.linspace(0, 1, 2001)
    flag_cheaper = c_fp * (1 - p) <= c_fn * p
    assert np.all(flag_cheaper[p >= t + 1e-9]) and not np.any(flag_cheaper[p < t - 1e-9])


@pytest.mark.parametrize("c_fp,c_fn", [pytest.param(1.0, 4.0, id="fn-dearer"), pytest.param(4.0, 1.0, id="essay-0.8"),
                                       pytest.param(9.0, 1.0, id="essay-0.9")])
def test_best_threshold_minimises_a_populations_cost_monte_carlo(refs, c_fp, c_fn):
    """Users with calibrated p (labels drawn from p): sweeping t, the realised cost is lowest near t*."""
    rng = np.random.default_rng(7)
    p = rng.beta(0.7, 1.5, size=400_000)
    y = (rng.uniform(size=p.size) < p).astype(int)
    grid = np.linspace(0.02, 0.98, 49)
    costs = [float(refs["expected_cost"](p, y, t, c_fp, c_fn)) for t in grid]
    t_star = float(refs["best_threshold"](c_fp, c_fn))
    assert abs(grid[int(np.argmin(costs))] - t_star) <= 0.04


def test_the_essays_thresholds_need_these_cost_ratios(derivation):
    assert derivation["ratio_for"] == {sp.Rational(1, 2): 1, sp.Rational(4, 5): 4, sp.Rational(9, 10): 9}


def test_expected_cost_matches_a_loop_over_users(refs):
    rng = np.random.default_rng(3)
    p, y = np.round(rng.uniform(size=50), 2), rng.integers(0, 2, 50)
    for t, c_fp, c_fn in [(0.5, 1.0, 1.0), (0.8, 4.0, 1.0), (p[0], 2.0, 7.0)]:
        loop = sum(c_fp if (pi >= t and yi == 0) else c_fn if (pi < t and yi == 1) else 0 for pi, yi in zip(p, y))
        assert float(refs["expected_cost"](p, y, t, c_fp, c_fn)) == pytest.approx(loop / len(p), rel=1e-12)


# ── 2. temperature scaling ────────────────────────────────────────────────────
@settings(max_examples=60, deadline=None)
@given(z=arrays(float, st.integers(1, 12), elements=st.floats(-8, 8)), seed=seeds, s=st.floats(-1.5, 1.5))
def test_temperature_gradient_matches_central_differences(refs, z, seed, s):
    y = np.random.default_rng(seed).integers(0, 2, z.size)
    _, grad = refs["temperature_nll"](z, y, s)
    numeric = central(lambda v: refs["temperature_nll"](z, y, v)[0], s)
    assert float(grad) == pytest.approx(float(numeric), rel=1e-5, abs=1e-7)


@settings(max_examples=60, deadline=None)
@given(z=arrays(float, st.integers(1, 12), elements=st.floats(-8, 8)), seed=seeds, s=st.floats(0, 1))
def test_stable_nll_equals_the_textbook_form(refs, z, seed, s):
    y = np.random.default_rng(seed).integers(0, 2, z.size)
    assert float(refs["temperature_nll"](z, y, s)[0]) == pytest.approx(naive_nll(z, y, s), rel=1e-7, abs=1e-12)


def test_stable_nll_is_exact_at_huge_logits(refs):
    """At u = ±1000 softplus(u) - y u is 0 when right and |u| when wrong: no overflow, no log(0). Two of four
    users are wrong by 1000: nll = 500; each wrong one adds (sigmoid(u) - y) * -u = -1000 to the sum: grad = -500."""
    z, y = np.array([1000.0, -1000.0, 1000.0, -1000.0]), np.array([1, 0, 0, 1])
    with np.errstate(all="raise"):
        nll, grad = refs["temperature_nll"](z, y, 0.0)
    assert float(nll) == pytest.approx(500.0) and float(grad) == pytest.approx(-500.0)


def test_gradient_in_t_times_t_is_the_gradient_in_log_t(derivation):
    assert derivation["grad_T_relation"] and derivation["chain_agrees"]


@pytest.mark.parametrize("scale", [pytest.param(2.5, id="over-confident"), pytest.param(0.3, id="under-confident")])
def test_fitted_temperature_is_the_grid_minimum_on_the_fit_split(refs, scale):
    rng = np.random.default_rng(5)
    truth = rng.normal(-0.5, 2.0, size=200)
    y = (rng.uniform(size=200) < 1 / (1 + np.exp(-truth))).astype(int)
    fit = np.arange(200) < 120
    z = truth * np.where(fit, scale, 1.0)
    s = float(refs["fit_log_temperature"](z, y, fit))
    grid = np.linspace(-4, 4, 8001)
    losses = [float(refs["temperature_nll"](z[fit], y[fit], g)[0]) for g in grid]
    assert abs(grid[int(np.argmin(losses))] - s) <= 1e-3
    assert (s > 0) == (scale > 1)           # over-confident logits are softened (T > 1), under-confident sharpened
    assert abs(float(refs["temperature_nll"](z[fit], y[fit], s)[1])) < 1e-9


# ── 3. Brier ──────────────────────────────────────────────────────────────────
@settings(max_examples=40, deadline=None)
@given(seed=seeds, k=st.integers(1, 6))
def test_brier_decomposes_into_reliability_resolution_uncertainty(refs, seed, k):
    """Numeric users with one forecast per bin: Brier = REL - RES + UNC, exactly."""
    rng = np.random.default_rng(seed)
    forecasts = rng.uniform(size=k)
    bin_of = rng.integers(0, k, size=40)
    p, y = forecasts[bin_of], rng.integers(0, 2, 40)
    n_k = np.bincount(bin_of, minlength=k)
    used = n_k > 0
    o_k = np.bincount(bin_of, weights=y, minlength=k)[used] / n_k[used]
    f_k, n_k = forecasts[used], n_k[used]
    obar = y.mean()
    rel, res = np.sum(n_k * (f_k - o_k) ** 2) / 40, np.sum(n_k * (o_k - obar) ** 2) / 40
    assert float(refs["brier_score"](p, y)) == pytest.approx(rel - res + obar * (1 - obar), abs=1e-12)


# ── 4. bins and the ECE ───────────────────────────────────────────────────────
@settings(max_examples=60, deadline=None)
@given(p=arrays(float, st.integers(1, 30), elements=st.floats(0, 1)), seed=seeds, n_bins=st.integers(1, 12))
def test_bins_match_np_histogram(refs, p, seed, n_bins):
    """np.histogram's bins are [lo, hi) with the last one closed: the same convention, p = 1.0 included."""
    p = np.concatenate([p, [1.0, 0.0]])
    y = np.random.default_rng(seed).integers(0, 2, p.size)
    counts, conf, freq = refs["reliability_bins"](p, y, n_bins)
    hist, _ = np.histogram(p, bins=n_bins, range=(0, 1))
    # np.histogram computes edges in floating point; away from the edges the two agree
    off_edge = np.all(np.abs(p[:, None] * n_bins - np.arange(1, n_bins)) > 1e-9)
    if off_edge:
        np.testing.assert_array_equal(counts, hist)
    assert counts.sum() == p.size and np.all(conf[counts == 0] == 0) and np.all(freq[counts == 0] == 0)


def test_ece_matches_a_loop_and_weights_by_users(refs):
    rng = np.random.default_rng(9)
    p = np.concatenate([np.round(rng.uniform(size=60), 3), np.ones(5)])
    y = (rng.uniform(size=65) < p**2).astype(int)
    for n_bins in (1, 4, 10, 15):
        total = 0.0
        for i in range(n_bins):
            inside = [(pi, yi) for pi, yi in zip(p, y) if min(int(pi * n_bins), n_bins - 1) == i]
            if inside:
                total += len(inside) / len(p) * abs(np.mean([a for a, _ in inside]) - np.mean([b for _, b in inside]))
        assert float(refs["expected_calibration_error"](p, y, n_bins)) == pytest.approx(total, rel=1e-12)


def test_ece_of_one_bin_is_the_gap_of_the_means(refs):
    p, y = np.array([0.9, 0.8, 0.7, 0.95]), np.array([1, 0, 0, 1])
    assert float(refs["expected_calibration_error"](p, y, 1)) == pytest.approx(abs(p.mean() - y.mean()))
