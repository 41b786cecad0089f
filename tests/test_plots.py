"""The feedback page's plot: a curve is judged as data, kept in the gradebook, drawn as an inline SVG."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT, SEED, overlaid, session_named
from kit import report
from kit.derive import Bounds
from kit.gradebook import Gradebook
from kit.judges import Case, Style, curve_of
from kit.plots import svg_curve
from kit.results import CURVE_POINTS

S01, S02 = "01-relu-backprop", "02-linear-layer"


def learner(tmp_path, name: str, code: str):
    """The reference answers of session 01 with `code` defined after them."""
    variant = tmp_path / f"{name}.py"
    variant.write_text(code)
    return overlaid(session_named(S01), variant, tmp_path)


def page_of(results, tmp_path, who="ann") -> str:
    """The learner's feedback.html, from results that went through the gradebook as `kit grade` does."""
    book = Gradebook(tmp_path / "g.sqlite")
    run = book.start_run(SEED, 1, "subs", "h")
    book.record(run, who, results[0].session, results, "h", "d")
    back = book.results(run)
    book.close()
    report.write_learner_files(report.exercise_table(back), tmp_path / "out", back, {})
    return (tmp_path / "out" / "learners" / who / "feedback.html").read_text()


def section(page: str, exercise: str) -> str:
    """The part of the page under one exercise's heading."""
    start = page.index(f"<h3>{exercise} ")
    ends = [i for i in (page.find("<h3>", start + 1), page.find("<h2>", start + 1), page.find("</body>")) if i > 0]
    return page[start:min(ends)]


def drawn(part: str):
    """(expected points by x pixel, the learner's markers as (x, y) pixels) of the section's one SVG."""
    svgs = re.findall(r"<svg.*?</svg>", part, re.S)
    assert len(svgs) == 1
    groups = {g.get("class"): g for g in ET.fromstring(svgs[0]).iter("g")}   # well-formed XML
    expected = {x: float(y) for line in groups["expected"].iter("polyline")
                for x, y in (pt.split(",") for pt in line.get("points").split())}
    return expected, [(c.get("cx"), float(c.get("cy"))) for c in groups["yours"].iter("circle")]


def curve_for(results, exercise):
    return next(r.curve for r in results if r.exercise == exercise and r.curve)


def test_plot_of_abs_for_relu_shows_yours_off_the_expected_curve(tmp_path, grade):
    results = grade(session_named(S01), learner(tmp_path, "relu_abs", "def relu_forward(x):\n    return np.abs(x)\n"))
    curve = curve_for(results, "relu_forward")
    x = np.array(curve["x"])
    assert np.all(np.diff(x) >= 0) and np.any(x < 0) and np.any(x > 0)
    assert np.allclose(curve["expected"], np.maximum(x, 0), rtol=1e-5)
    assert np.allclose(curve["got"], np.abs(x), rtol=1e-5)
    page = page_of(results, tmp_path)
    part = section(page, "relu_forward")
    assert f"expected vs yours on {curve['label']}" in part
    assert "<script" not in page and "http" not in page.split("</style>", 1)[1]   # self-contained, offline
    expected, markers = drawn(part)
    assert len(markers) == len(x)
    off = [value for (cx, cy), value in zip(markers, x) if abs(cy - expected[cx]) > 0.15]
    assert off and all(value < 0 for value in off)                    # wrong where x < 0 only
    assert "<svg" not in section(page, "relu_backward")                # two arguments: no plot


def test_plot_of_a_correct_learner_has_yours_on_the_expected_curve(tmp_path, grade):
    results = grade(session_named(S01), ROOT / "solutions" / S01 / "exercises.py")
    assert all(r.status == "pass" for r in results)
    curve = curve_for(results, "relu_forward")
    assert np.allclose(curve["got"], curve["expected"], rtol=1e-5)
    expected, markers = drawn(section(page_of(results, tmp_path), "relu_forward"))
    assert len(markers) == len(curve["x"])
    assert all(abs(cy - expected[cx]) <= 0.15 for cx, cy in markers)


def test_plot_is_left_out_for_an_exercise_that_is_not_one_dimensional_elementwise(tmp_path, grade):
    results = grade(session_named(S02), ROOT / "solutions" / S02 / "exercises.py")
    assert results and all(r.curve is None for r in results)
    page = page_of(results, tmp_path)
    assert "<h3>affine_forward " in page and "<svg" not in page


def test_plot_survives_a_learner_returning_nan_and_huge_values(tmp_path, grade):
    code = ("def relu_forward(x):\n    return np.where(x > 0, 1e308, np.nan)\n\n"
            "def sigmoid_forward(x):\n    return np.ones(2 * 10**6)\n")
    results = grade(session_named(S01), learner(tmp_path, "hostile", code))
    curve = curve_for(results, "relu_forward")
    x = np.array(curve["x"])
    assert [v is None for v in curve["got"]] == list(x <= 0)            # nan kept as None
    page = page_of(results, tmp_path)
    part = section(page, "relu_forward")
    svg = re.search(r"<svg.*?</svg>", part, re.S).group()
    ET.fromstring(svg)
    assert f"{int((x > 0).sum())} of yours off scale" in svg and f"{int((x <= 0).sum())} of yours not finite" in svg
    assert len(svg) < 8000 and len(page) < 100_000
    assert "<svg" not in section(page, "sigmoid_forward")               # a wrong shape: nothing to plot


def test_check_json_has_no_curve(tmp_path):
    learner(tmp_path, "relu_abs", "def relu_forward(x):\n    return np.abs(x)\n")
    done = subprocess.run([sys.executable, "-m", "kit", "check", "01", "--learner", str(tmp_path / "relu_abs"), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    doc = json.loads(done.stdout)
    assert any(r["check"] == "relu_forward/mixed-signs" and r["status"] == "fail" for r in doc["results"])
    assert all("curve" not in r for r in doc["results"])


ONE_D = Style(("x",))


def ok(value) -> dict:
    return {"status": "ok", "value": {"kind": "ndarray", "value": np.asarray(value)}}


@pytest.mark.parametrize("style, args, got", [
    pytest.param(Style(("x",), elementwise=False), (np.linspace(-1, 1, 6),), np.zeros(6), id="not-elementwise"),
    pytest.param(Style(("dout", "x")), (np.ones(6), np.linspace(-1, 1, 6)), np.zeros(6), id="two-arguments"),
    pytest.param(ONE_D, (np.linspace(-1, 1, 4),), np.zeros(4), id="four-points"),
    pytest.param(ONE_D, (np.array([0.0, 1.0, np.nan, np.inf, -np.inf, 2.0]),), np.zeros(6), id="three-finite-points"),
    pytest.param(ONE_D, (np.zeros((2, 3)),), np.zeros((2, 3)), id="two-dimensional"),
    pytest.param(ONE_D, (np.arange(6),), np.zeros(6), id="integer-input"),
    pytest.param(ONE_D, (np.linspace(-1, 1, 6),), np.zeros(5), id="wrong-shape"),
])
def test_curve_of_is_none_unless_one_dimensional_elementwise(style, args, got):
    case = Case(args, "an input", np.zeros(np.shape(args[-1])))
    assert curve_of([case], [ok(got)], style) is None


def test_curve_of_takes_the_first_plottable_case_sorted_with_the_middle_of_bounds():
    x = np.array([2.0, -1.0, 0.0, 3.0, -2.0, 1.0])
    lo, hi = np.minimum(x, 0), np.maximum(x, 0) + 1
    cases = [Case((x,), "raised", x), Case((x,), "the kink", Bounds(lo, hi)), Case((x,), "later", x)]
    outcomes = [{"status": "raised"}, ok(x * 2), ok(x)]
    curve = curve_of(cases, outcomes, ONE_D)
    order = np.argsort(x)
    assert curve["label"] == "the kink"
    assert curve["x"] == x[order].tolist()
    assert curve["expected"] == ((lo + hi) / 2)[order].tolist()
    assert curve["got"] == (x * 2)[order].tolist()
    assert all(type(v) is float for key in ("x", "expected", "got") for v in curve[key])


def test_svg_curve_escapes_the_label_and_has_a_legend():
    curve = {"x": [0.0, 1.0, 2.0, 3.0, 4.0], "expected": [0.0, 1.0, 4.0, 9.0, 16.0], "got": [0.0, 1.0, 4.0, 9.0, 15.0],
             "label": "<script>alert(1)</script> & more"}
    svg = svg_curve(curve)
    tree = ET.fromstring(svg)
    texts = [t.text for t in tree.iter("text")]
    assert "expected" in texts and "yours" in texts
    assert "expected vs yours on <script>alert(1)</script> & more" in texts
    assert "<script" not in svg and "href" not in svg
    assert sum("expected vs yours" in t for t in texts) == 1
    assert "off scale" not in svg


def test_svg_curve_puts_one_huge_wrong_value_at_the_edge_not_the_rest_flat():
    x = np.linspace(-3, 3, 13)
    expected, got = np.tanh(x), np.tanh(x)
    got[4] = 1e12
    tree = ET.fromstring(svg_curve({"x": x.tolist(), "expected": expected.tolist(), "got": got.tolist(), "label": "t"}))
    yours = next(g for g in tree.iter("g") if g.get("class") == "yours")
    heights = [float(c.get("cy")) for c in yours.iter("circle")]
    edge = [float(c) for p in yours.iter("polygon") for c in re.split(r"[ ,]", p.get("points"))]
    assert len(heights) == len(x) - 1 and len(edge) == 6 and all(0 <= c <= 400 for c in edge)
    assert max(heights) - min(heights) > 0.5 * float(tree.get("height"))   # tanh still spans the plot
    assert any(t.text.startswith("1 of yours off scale") for t in tree.iter("text"))


@pytest.mark.parametrize("curve", [
    pytest.param(None, id="none"), pytest.param([1, 2], id="a-list"),
    pytest.param({"x": [1.0, 2.0], "expected": [1.0], "got": [1.0, 2.0]}, id="unequal-lengths"),
    pytest.param({"x": [1.0, None], "expected": [1.0, 2.0], "got": [1.0, 2.0]}, id="x-not-finite"),
    pytest.param({"x": "12", "expected": "12", "got": "12"}, id="strings"),
])
def test_svg_curve_of_something_that_is_not_a_curve_is_empty(curve):
    assert svg_curve(curve) == ""


number = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**30, 10**30))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 300).flatmap(lambda n: st.tuples(
    st.lists(st.floats(-1e308, 1e308), min_size=n, max_size=n), st.lists(number, min_size=n, max_size=n),
    st.lists(number, min_size=n, max_size=n))), st.text(max_size=300))
def test_svg_curve_is_well_formed_and_small_whatever_the_values(series, label):
    x, expected, got = series
    svg = svg_curve({"x": sorted(x), "expected": expected, "got": got, "label": label})
    tree = ET.fromstring(svg)
    yours = next(g for g in tree.iter("g") if g.get("class") == "yours")
    assert len([e for e in yours if e.tag in ("circle", "polygon")]) <= CURVE_POINTS
    assert len(svg) < 20_000
    coordinates = [float(c) for e in tree.iter() for key in ("x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "points")
                   for c in re.split(r"[ ,]", e.get(key, "")) if c]
    assert coordinates and all(-1 <= c <= 400 for c in coordinates)    # finite and on the picture
