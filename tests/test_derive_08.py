"""Session 08's derivations against independent methods: brute force over every (positive, negative)
pair for the AUC, a loop over the distinct thresholds with boolean masks for the ROC and PR curves,
the mean precision at the positives for AP, Monte Carlo for log-loss being a proper scoring rule,
and central finite differences for its curvature and its gradient in the logit."""

from __future__ import annotations

import runpy

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, session_named
from kit import derive
from numeric import central

S08 = session_named("08-metrics")


@pytest.fixture(scope="module")
def refs():
    return derive.load(S08, ROOT)


@pytest.fixture(scope="module")
def derivation():
    return runpy.run_path(str(S08.derivations_file), run_name="derivations")


def labelled(seed, n, levels):
    """Labels with both classes and scores on `levels` values (ties across classes), any sign."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    y[:2] = (0, 1)
    return y, rng.integers(-levels, levels + 1, size=n) * 0.7


def pairs_auc(y, s):
    pos, neg = s[y == 1][:, None], s[y == 0][None, :]
    return np.mean((pos > neg) + 0.5 * (pos == neg))


def looped_curves(y, s):
    fpr, tpr, precision = [0.0], [0.0], []
    for t in np.unique(s)[::-1]:
        flagged = s >= t
        fpr.append(np.sum(flagged & (y == 0)) / np.sum(y == 0))
        tpr.append(np.sum(flagged & (y == 1)) / np.sum(y == 1))
        precision.append(np.sum(flagged & (y == 1)) / np.sum(flagged))
    return np.array(fpr), np.array(tpr), np.array(precision)


cases = dict(seed=st.integers(0, 2**32 - 1), n=st.integers(2, 40), levels=st.integers(1, 6))


@settings(max_examples=80, deadline=None)
@given(**cases)
def test_auc_from_ranks_equals_the_pair_count(refs, seed, n, levels):
    y, s = labelled(seed, n, levels)
    assert refs["auc"](y, s) == pytest.approx(pairs_auc(y, s), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(**cases)
def test_curves_match_a_loop_over_thresholds_and_ignore_the_order_of_ties(refs, seed, n, levels):
    y, s = labelled(seed, n, levels)
    fpr, tpr, precision = looped_curves(y, s)
    order = np.random.default_rng(seed + 1).permutation(n)
    for yy, ss in ((y, s), (y[order], s[order])):
        got_fpr, got_tpr = refs["roc_curve"](yy, ss)
        got_p, got_r = refs["precision_recall_curve"](yy, ss)
        np.testing.assert_allclose(got_fpr, fpr, atol=1e-12)
        np.testing.assert_allclose(got_tpr, tpr, atol=1e-12)
        np.testing.assert_allclose(got_p, precision, atol=1e-12)
        np.testing.assert_allclose(got_r, tpr[1:], atol=1e-12)
    assert (fpr[0], tpr[0], fpr[-1], tpr[-1]) == (0, 0, 1, 1)


@settings(max_examples=60, deadline=None)
@given(**cases)
def test_roc_area_by_trapezoids_is_the_auc(refs, seed, n, levels):
    y, s = labelled(seed, n, levels)
    fpr, tpr = refs["roc_curve"](y, s)
    assert np.trapezoid(tpr, fpr) == pytest.approx(pairs_auc(y, s), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(**cases)
def test_average_precision_is_the_mean_precision_at_the_positives(refs, seed, n, levels):
    y, s = labelled(seed, n, levels)
    flagged = s[None, :] >= s[y == 1][:, None]              # one row per positive: who its score flags
    brute = np.mean((flagged & (y == 1)).sum(axis=1) / flagged.sum(axis=1))
    assert refs["average_precision"](y, s) == pytest.approx(brute, abs=1e-12)


def test_the_ap_conventions_part_where_the_derivation_says(refs, derivation):
    y, s = np.array([0, 1, 1]), np.array([3.0, 2.0, 1.0])
    assert refs["average_precision"](y, s) == pytest.approx(7 / 12)
    precision, recall = refs["precision_recall_curve"](y, s)
    envelope = np.maximum.accumulate(precision[::-1])[::-1]
    assert np.sum(np.diff(recall, prepend=0) * envelope) == pytest.approx(float(derivation["ap_example_interpolated"]))


def test_exact_enumeration_agrees_with_the_numpy_references(refs, derivation):
    for y, s in derivation["CASES"][::13]:
        y, s = np.array(y), np.array(s, dtype=float)
        assert refs["auc"](y, s) == pytest.approx(float(derivation["auc_pairs"](y, s)))
        assert refs["average_precision"](y, s) == pytest.approx(float(derivation["ap_steps"](y, s)))


def test_log_loss_is_proper_by_monte_carlo():
    rng = np.random.default_rng(8)
    q = np.linspace(0.01, 0.99, 99)
    for p in (0.03, 0.2, 0.65):
        y = rng.uniform(size=200_000) < p                  # labels drawn from the truth
        mean_loss = -(np.mean(y) * np.log(q) + np.mean(~y) * np.log(1 - q))   # each q's average loss
        assert abs(q[int(np.argmin(mean_loss))] - p) <= 0.011


def test_log_loss_curvature_and_logit_gradient_by_finite_differences(derivation):
    p, q, z, y = (derivation[k] for k in ("p", "q", "z", "y_"))
    expected = sp.lambdify((p, q), derivation["expected_loss"])
    curvature = sp.lambdify((p, q), derivation["curvature"])
    for pv, qv in ((0.1, 0.3), (0.5, 0.5), (0.8, 0.35)):
        numeric = central(lambda v: central(lambda w: expected(pv, w), v, h=1e-4), qv, h=1e-4)
        assert numeric == pytest.approx(curvature(pv, qv), rel=1e-4)
    loss = sp.lambdify((z, y), derivation["loss_of_logit"])
    for zv, yv in ((-2.0, 1), (0.3, 0), (1.7, 1)):
        assert central(lambda v: loss(v, yv), zv) == pytest.approx(1 / (1 + np.exp(-zv)) - yv, abs=1e-7)


def test_log_loss_reference_and_both_clippings(refs):
    rng = np.random.default_rng(3)
    y, p = rng.integers(0, 2, size=30), rng.uniform(0.01, 0.99, size=30)
    direct = -np.mean([np.log(v) if label else np.log(1 - v) for label, v in zip(y, p)])
    assert refs["log_loss"](y, p) == pytest.approx(direct)
    assert refs["log_loss_clip_each"](y, p) == pytest.approx(direct)
    edge_y, edge_p = np.array([1, 0]), np.array([0.0, 1.0])        # both confidently wrong
    assert refs["log_loss"](edge_y, edge_p) == pytest.approx(-np.log(1e-15), rel=1e-2)
    assert refs["log_loss_clip_each"](edge_y, edge_p) == pytest.approx(-np.log(1e-15))
