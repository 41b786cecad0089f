"""Session 03's derivations against independent methods: the textbook definitions at moderate
logits, central finite differences for the Jacobian and the cross-entropy gradient, a plain loop
for the loss, and shift invariance for the stable forms at large logits."""

from __future__ import annotations

import math
import runpy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from conftest import ROOT, session_named
from kit import derive
from numeric import gradient, jacobian

S03 = session_named("03-softmax-cross-entropy")


@pytest.fixture(scope="module")
def refs():
    return derive.load(S03, ROOT)


def batch(low=-30.0, high=30.0):
    """Logits (N, C), N in 1..5, C in 1..6, bounded finite floats."""
    shapes = st.tuples(st.integers(1, 5), st.integers(1, 6))
    return shapes.flatmap(lambda s: arrays(np.float64, s, elements=st.floats(low, high)))


def with_labels(z_strategy):
    return z_strategy.flatmap(lambda z: st.tuples(
        st.just(z), arrays(np.int64, z.shape[0], elements=st.integers(0, z.shape[1] - 1))))


def definition_softmax(z):
    e = np.exp(z)                                 # fine for |z| <= 30
    return e / e.sum(axis=1, keepdims=True)


@settings(max_examples=60, deadline=None)
@given(z=batch())
def test_softmax_is_the_definition(refs, z):
    p = refs["softmax"](z)
    assert p.shape == z.shape
    np.testing.assert_allclose(p, definition_softmax(z), rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=1e-12)


@settings(max_examples=60, deadline=None)
@given(z=batch(), shift=st.floats(-1000, 1000))
def test_stable_forms_ignore_a_row_shift(refs, z, shift):
    """What SymPy proves (softmax(z - m) = softmax(z)), checked at logits far beyond exp's range."""
    moved = z + shift
    np.testing.assert_allclose(refs["softmax"](moved), definition_softmax(z), rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(refs["log_softmax"](moved), refs["log_softmax"](z), rtol=1e-9, atol=1e-9)


@settings(max_examples=60, deadline=None)
@given(z=batch())
def test_log_softmax_is_the_log_of_the_definition(refs, z):
    np.testing.assert_allclose(refs["log_softmax"](z), np.log(definition_softmax(z)), rtol=1e-9, atol=1e-12)


def test_log_softmax_is_finite_where_the_naive_log_is_not(refs):
    z = np.array([[1000.0, -1000.0, 0.0]])
    got = refs["log_softmax"](z)
    np.testing.assert_allclose(got, [[0.0, -2000.0, -1000.0]], atol=1e-12)
    with np.errstate(all="ignore"):
        assert np.isinf(np.log(refs["softmax"](z))).any(), "the naive route takes log(0) here"


@settings(max_examples=60, deadline=None)
@given(z=arrays(np.float64, st.integers(1, 6), elements=st.floats(-10, 10)))
def test_softmax_jacobian_matches_central_differences(refs, z):
    J = refs["softmax_jacobian"](z)
    C = z.size
    assert J.shape == (C, C)
    numeric = jacobian(lambda v: refs["softmax"](v[None])[0], z)     # column k: d p / d z_k
    np.testing.assert_allclose(J, numeric, rtol=1e-5, atol=1e-8)
    np.testing.assert_allclose(J.sum(axis=0), 0.0, atol=1e-12)   # probabilities always sum to 1


def test_numeric_jacobian_is_in_numerator_layout():
    """The softmax Jacobian is symmetric, so the test above cannot tell J from J.T: the independent
    method's own layout is shown on a map that can, x ↦ A x, whose J[i, j] = ∂y_i/∂x_j is A itself."""
    A = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(jacobian(lambda v: A @ v, np.ones(3)), A, rtol=1e-8)


@settings(max_examples=60, deadline=None)
@given(data=with_labels(batch(-10, 10)))
def test_cross_entropy_dz_matches_central_differences(refs, data):
    z, y = data
    dz = refs["cross_entropy_dz"](z, y)
    assert dz.shape == z.shape
    np.testing.assert_allclose(dz, gradient(lambda v: refs["cross_entropy_loss"](v, y), z), rtol=1e-5, atol=1e-8)


@settings(max_examples=60, deadline=None)
@given(data=with_labels(batch()))
def test_cross_entropy_loss_is_a_plain_loop(refs, data):
    z, y = data
    rows = [math.log(sum(math.exp(v) for v in z[n])) - z[n, y[n]] for n in range(len(y))]
    np.testing.assert_allclose(refs["cross_entropy_loss"](z, y), sum(rows) / len(rows), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("n,c,value", [pytest.param(5, 10, 0.0, id="zeros-10-classes"),
                                       pytest.param(3, 4, 2.5, id="constant-4-classes"),
                                       pytest.param(2, 1, -7.0, id="one-class")])
def test_equal_logits_give_ln_c(refs, n, c, value):
    z = np.full((n, c), value)
    y = np.arange(n) % c
    np.testing.assert_allclose(refs["cross_entropy_loss"](z, y), math.log(c), rtol=1e-12, atol=1e-15)
    expected_dz = (np.full((n, c), 1 / c) - np.eye(c)[y]) / n
    np.testing.assert_allclose(refs["cross_entropy_dz"](z, y), expected_dz, atol=1e-15)


def test_large_logits_stay_exact(refs):
    """A confidently wrong row: loss ≈ 2000/N, finite; its gradient is -1/N at the true class."""
    z = np.array([[1000.0, -1000.0, 0.0], [2.0, 1.0, 0.0]])
    y = np.array([1, 0])
    expected_row0 = 2000.0
    expected_row1 = math.log(math.exp(2) + math.exp(1) + 1) - 2.0
    np.testing.assert_allclose(refs["cross_entropy_loss"](z, y), (expected_row0 + expected_row1) / 2, rtol=1e-12)
    dz = refs["cross_entropy_dz"](z, y)
    np.testing.assert_allclose(dz[0], [0.5, -0.5, 0.0], atol=1e-15)
    assert np.isfinite(refs["softmax_jacobian"](np.array([1000.0, -1000.0, 999.0]))).all()


def test_every_sympy_proof_holds():
    module = runpy.run_path(str(S03.derivations_file), run_name="derivations")
    for name in ("shift_cancels", "lse_shift_holds", "log_softmax_holds", "step1_holds", "step2_holds", "step3_holds",
                 "jacobian_holds", "columns_sum_to_zero", "ce_grad_holds", "ce_grad_all_labels_holds",
                 "initial_loss_holds"):
        assert module[name] is True, name
    assert all(ref.verified is True for ref in module["REFERENCES"])

