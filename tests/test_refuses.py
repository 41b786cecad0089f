"""kit.kinds.refuses: bad input must raise ValueError, ordinary input must still be right."""

import numpy as np

from kit.grading import verdict_of
from kit.judges import Case, Style
from kit.kinds.refuses import refuses
from kit.spec import Exercise

STYLE = Style(("y",), formula="mean = y.sum() / len(y)", source="derivations.py")
OK = [Case((np.array([1.0, 3.0]),), "an ordinary input", np.array(2.0))]
BAD = [Case((np.zeros(0),), "an empty input", None)]
CHECK = refuses("mean/empty", OK, BAD, STYLE, why="an empty vector has no mean")


def ok(value):
    return {"status": "ok", "value": {"kind": "float64", "value": np.asarray(value)}, "warnings": [], "args_after": [None]}


def raised(text):
    return {"status": "raised", "message": text}


def test_right_values_and_a_value_error_pass():
    assert CHECK.judge([ok(2.0), raised("ValueError: empty (exercises.py line 3)")]).passed
    assert CHECK.judge([ok(2.0), raised("LinAlgError: singular")]).passed
    assert [c.func for c in CHECK.calls] == ["mean", "mean"]


def test_a_nan_or_another_exception_fails_and_says_what_to_do():
    verdict = CHECK.judge([ok(2.0), ok(np.nan)])
    assert not verdict.passed and "returned nan" in verdict.message and "ValueError" in verdict.message
    verdict = CHECK.judge([ok(2.0), raised("ZeroDivisionError: division by zero")])
    assert not verdict.passed and "raised ZeroDivisionError" in verdict.message


def test_always_raising_earns_nothing_as_the_grader_runs_it():
    exercise = Exercise("mean", [CHECK])
    assert verdict_of(exercise, CHECK, [ok(2.0), raised("ValueError: empty")])[0] == "pass"
    assert verdict_of(exercise, CHECK, [raised("ValueError: no"), raised("ValueError: no")])[0] == "error"
    stub = {"status": "not_implemented", "message": "mean"}
    assert verdict_of(exercise, CHECK, [stub, stub])[0] == "not_implemented"
    status, message, _, _ = verdict_of(exercise, CHECK, [ok(2.0), stub])
    assert status == "not_implemented"
