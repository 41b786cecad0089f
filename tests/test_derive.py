"""Session 01's derivations against independent methods: central finite differences away from
kinks, and the kink's subgradient set as the slides state it ([0, 1] · dout at x = 0)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from conftest import ROOT, session_named
from kit import derive
from kit.derive import Bounds
from numeric import central

S01 = session_named("01-relu-backprop")


@pytest.fixture(scope="module")
def refs():
    return derive.load(S01, ROOT)


away_from_kink = arrays(np.float64, st.integers(1, 8),
                        elements=st.floats(0.01, 20).flatmap(lambda v: st.sampled_from([v, -v])))
upstream = st.floats(-5, 5, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(x=away_from_kink, d=upstream)
def test_relu_backward_matches_central_differences(refs, x, d):
    dout = np.full_like(x, d)
    got = refs["relu_backward"](dout, x)
    assert isinstance(got, Bounds) and np.array_equal(got.lo, got.hi), "away from 0 the derivative is one number"
    np.testing.assert_allclose(got.lo, dout * central(refs["relu_forward"], x), rtol=1e-6, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(x=arrays(np.float64, st.integers(1, 8), elements=st.floats(-30, 30)), d=upstream)
def test_sigmoid_backward_matches_central_differences(refs, x, d):
    dout = np.full_like(x, d)
    np.testing.assert_allclose(refs["sigmoid_backward"](dout, x), dout * central(refs["sigmoid_forward"], x, 1e-5),
                               rtol=1e-5, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(x=away_from_kink, w=st.floats(-3, 3), d=upstream)
def test_neuron_gradients_match_central_differences(refs, x, w, d):
    dout = np.full_like(x, d)
    f = refs["neuron_forward"]
    dx = refs["neuron_backward_dx"](dout, x, w)
    np.testing.assert_allclose(dx.lo, dout * central(lambda v: f(v, w), x), rtol=1e-5, atol=1e-8)
    dw = np.sum(refs["neuron_backward_dw"](dout, x, w))
    numeric = np.sum(dout * central(lambda v: f(x, v), w))
    np.testing.assert_allclose(dw, numeric, rtol=1e-5, atol=1e-8)


def test_relu_kink_is_the_whole_interval(refs):
    """At x = 0 every value between 0·dout and 1·dout is valid, for either sign of dout."""
    dout = np.array([2.0, -3.0])
    x = np.zeros(2)
    got = refs["relu_backward"](dout, x)
    np.testing.assert_array_equal(got.lo, [0.0, -3.0])
    np.testing.assert_array_equal(got.hi, [2.0, 0.0])


def test_kink_is_not_sympys_heaviside_half(refs):
    """SymPy's Heaviside(0) = 1/2 is one point of the set, not the set."""
    got = refs["relu_backward"](np.array([1.0]), np.array([0.0]))
    assert got.lo[0] == 0.0 and got.hi[0] == 1.0


def test_neuron_kink_one_sided_slopes(refs):
    """d/dx sigmoid(w relu(x)) at 0: 0 from the left, w·s'(0) = w/4 from the right."""
    w = 1.6
    got = refs["neuron_backward_dx"](np.array([1.0]), np.array([0.0]), w)
    np.testing.assert_allclose([got.lo[0], got.hi[0]], sorted([0.0, w / 4]))


def test_neuron_chain_rule_steps_match_sympy_on_the_composite():
    """derivations.py's step-by-step product of local derivatives equals SymPy's derivative of the whole."""
    import importlib.util

    import sympy as sp

    spec = importlib.util.spec_from_file_location("d01", S01.derivations_file)
    d = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(d)
    assert sp.simplify(d.neuron_dw - sp.diff(d.neuron, d.w)) == 0
    for v in (-1.5, 0.7, 2.0):      # away from the kink both one-sided products are the derivative
        point = {d.x: v, d.w: -0.8}
        assert abs(float(d.neuron_dx_left.subs(point)) - float(sp.diff(d.neuron, d.x).subs(point))) < 1e-12
        assert d.neuron_dx_left.subs(point) == d.neuron_dx_right.subs(point)


def test_neuron_backward_feedback_points_at_steps_not_the_formula(refs):
    """neuron_backward is derive-it-yourself: the feedback's formula line names the steps only."""
    for name in ("neuron_backward_dx", "neuron_backward_dw"):
        text = refs.formulas[name]
        assert "step" in text and "derivations.py" in text
        assert "s'(" not in text and "relu'(x)" not in text and "sum(" not in text


def test_cache_is_rebuilt_when_the_derivation_changes(tmp_path):
    """A stale cache is never trusted: the key follows derivations.py's bytes."""
    import shutil

    from kit.sessions import Session

    copy = tmp_path / "sessions" / S01.name
    shutil.copytree(S01.path, copy)
    session = Session(S01.name, copy)
    first = derive.cache_key(session)
    derive.load(session, tmp_path)
    (copy / "derivations.py").write_text((copy / "derivations.py").read_text() + "\n# edited\n")
    assert derive.cache_key(session) != first
    derive.load(session, tmp_path)
    cached = sorted((tmp_path / ".kit-cache" / "refs").glob("*.py"))
    assert [p.stem.split("-")[-1] for p in cached] == [derive.cache_key(session)]

