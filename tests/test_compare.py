"""Comparison never fails a correct answer: tolerance scaled to the values, any value in a valid
set, integer or float, NumPy or Python scalars; and it names the mistakes it recognises."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from kit import compare
from kit.derive import Bounds

finite = st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False)


def desc(value):
    return {"kind": "ndarray", "value": np.asarray(value)}


@given(arrays(np.float64, st.integers(0, 12), elements=finite))
def test_compare_accepts_the_exact_value_and_tiny_rounding(x):
    assert compare.match(desc(x), x) is None
    assert compare.match(desc(x * (1 + 1e-9)), x) is None


@given(arrays(np.float64, st.integers(1, 12), elements=finite), st.floats(0, 1))
def test_compare_accepts_anything_inside_a_valid_set(lo, t):
    hi = lo + np.abs(lo) + 1.0
    inside = lo + t * (hi - lo)
    assert compare.match(desc(inside), Bounds(lo, hi)) is None
    assert compare.match(desc(hi + 1.0 + np.abs(hi)), Bounds(lo, hi)) is not None


def test_compare_accepts_integer_results_and_python_scalars():
    assert compare.match(desc(np.array([0, 2, 3])), np.array([0.0, 2.0, 3.0])) is None
    assert compare.match({"kind": "float", "value": np.asarray(2.5)}, np.array(2.5)) is None
    assert compare.match({"kind": "float64", "value": np.asarray(2.5)}, np.array(2.5)) is None


def test_compare_names_wrong_types_shapes_and_nan():
    assert "returned a list" in compare.match({"kind": "list"}, np.zeros(3)).text
    assert "returned None" in compare.match({"kind": "None"}, np.zeros(3)).text
    assert "looks transposed" in compare.match(desc(np.zeros((3, 2))), np.zeros((2, 3))).text
    assert compare.match(desc(np.array([np.nan, 1.0])), np.array([0.0, 1.0])).kind == "nonfinite"


def test_compare_recognises_generic_mistakes():
    x = np.array([1.0, -2.0, 3.0])
    assert compare.generic_mistake(-x, x, x) == "the sign is flipped"
    assert compare.generic_mistake(2 * x, x, x) == "off by a constant factor of 2"
    assert compare.generic_mistake(np.zeros(3), x, x) == "it returns all zeros"
    m = np.array([[1.0, 2.0], [3.0, 4.0]])
    assert compare.generic_mistake(m.T, m, m) == "it looks transposed"


def test_where_wrong_localises_by_region():
    x = np.array([-1.0, -2.0, 3.0, 4.0])
    wrong = x < 0
    said = compare.where_wrong(wrong, [("x > 0", x > 0), ("x < 0", x < 0)])
    assert said == "correct for x > 0, wrong for x < 0"
