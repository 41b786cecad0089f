"""Checks name a known mistake only when it explains the learner's answer on more than one input."""

from __future__ import annotations

import numpy as np
import pytest

from kit.judges import Case, Style, values


def outcome(value):
    return {"status": "ok", "value": {"kind": "ndarray", "value": np.asarray(value, dtype=float)},
            "args_after": [None], "warnings": []}


def mse_gradient_cases():
    """Two inputs of different N: the gradient 2/N * (y - t)."""
    cases = []
    for n in (6, 4):
        r = np.arange(1.0, n + 1)
        cases.append(Case((r,), f"N = {n}", 2 / n * r))
    return cases


def test_a_factor_seen_on_one_input_is_not_claimed():
    cases = mse_gradient_cases()
    check = values("g/values", "g", cases, Style(("r",), elementwise=False))
    # the 2/N left out: a factor of N/2, which is 3 for one input and 2 for the other
    verdict = check.judge([outcome(c.args[0]) for c in cases])
    assert not verdict.passed and verdict.mistake == ""
    assert "looks like" not in verdict.message


def test_a_factor_seen_on_two_inputs_is_claimed():
    cases = mse_gradient_cases()
    check = values("g/values", "g", cases, Style(("r",), elementwise=False))
    verdict = check.judge([outcome(2 * c.expected) for c in cases])
    assert not verdict.passed and "factor" in verdict.mistake and "looks like" in verdict.message


@pytest.mark.parametrize("second,claimed", [
    pytest.param("same-mistake", True, id="explains-both"),
    pytest.param("right-where-mistake-is-right", True, id="explains-a-right-answer-too"),
    pytest.param("other-error", False, id="explains-one-only"),
])
def test_a_named_mistake_needs_a_second_input(second, claimed):
    # the mistake: t - 1 for t in a bias correction; where t is large it changes nothing
    cases = [Case((np.array([2.0]),), "t = 2", np.array([1 - 0.9 ** 2])),
             Case((np.array([400.0]),), "t = 400", np.array([1 - 0.9 ** 400]))]
    style = Style(("t",), elementwise=False,
                  mistakes=lambda t: [("uses t - 1", 1 - 0.9 ** (t - 1), "count t from 1")])
    check = values("c/values", "c", cases, style)
    first = outcome([1 - 0.9 ** 1])
    other = {"same-mistake": outcome([1 - 0.9 ** 399]), "right-where-mistake-is-right": outcome([1 - 0.9 ** 400]),
             "other-error": outcome([0.5])}[second]
    verdict = check.judge([first, other])
    assert not verdict.passed
    assert (verdict.mistake == "uses t - 1") is claimed, verdict.message


def test_inputs_unchanged_does_not_blame_a_wrong_value_on_the_inputs():
    x = np.array([1.0, -2.0, 3.0])
    check = values("f/input-unchanged", "f", [Case((x,), "a short input", 2 * x)], Style(("x",)), unchanged=True)
    verdict = check.judge([outcome(3 * x)])
    assert not verdict.passed and "modified" not in verdict.message and "values are wrong" in verdict.message


def test_inputs_unchanged_fails_when_an_input_changed():
    x = np.array([1.0, -2.0, 3.0])
    changed = outcome(2 * x)
    changed["args_after"] = [np.zeros(3)]
    check = values("f/input-unchanged", "f", [Case((x,), "a short input", 2 * x)], Style(("x",)), unchanged=True)
    verdict = check.judge([changed])
    assert not verdict.passed and "modified its argument `x` in place" in verdict.message


def test_the_terminal_says_a_diagnosis_once_per_exercise():
    import io

    from kit.render import terminal
    from kit.results import Result

    def long(case):
        return f"softmax on {case}: wrong values\n  looks like normalised along the wrong axis: sum over axis=1"

    results = [Result("03-x", "softmax", f"softmax/{c}", "fail", 0, 1, long(c), mistake="normalised along the wrong axis")
               for c in ("values", "shapes", "large")]
    out = io.StringIO()
    terminal(results, file=out)
    text = out.getvalue()
    assert text.count("sum over axis=1") == 1 and text.count("the same mistake as softmax/values") == 2


def test_the_terminal_table_fits_the_width_and_colours_only_a_terminal(monkeypatch):
    import io

    from kit.render import terminal
    from kit.results import Result

    results = [Result("10-constrained-optimization", "projected_gradient_descent", "projected_gradient_descent/x",
                      "fail", 0, 1, "wrong"), Result("01-relu-backprop", "relu_forward", "relu_forward/y", "pass", 1, 1)]
    monkeypatch.setenv("COLUMNS", "60")
    piped = io.StringIO()
    terminal(results, file=piped)
    table = [line for line in piped.getvalue().splitlines() if line[:1] in "┏┃┡│└"]
    assert table and all(len(line) <= 60 for line in table), table
    assert "…" in piped.getvalue() and "\x1b[" not in piped.getvalue()

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    shown = Terminal()
    terminal(results, file=shown)
    assert "\x1b[32mpass" in shown.getvalue() and "\x1b[31mfail" in shown.getvalue()
    monkeypatch.setenv("NO_COLOR", "1")
    plain = Terminal()
    terminal(results, file=plain)
    assert "\x1b[" not in plain.getvalue()
