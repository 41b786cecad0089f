"""Calls that checks of one exercise repeat are sent once (grading.job_for): the learner's function
runs once per distinct input of a phase, and every check that asks gets that outcome, in its own copy."""

import numpy as np
import pytest

from conftest import ROOT, SEED, sessions
from kit import grading, outline
from kit.config import Limits
from kit.grader import Grader
from kit.spec import Call, Check, Exercise, Verdict

X = np.arange(3.0)


def test_equal_arguments_of_one_phase_are_one_call():
    calls = [Call("f", (X,)), Call("f", (X.copy(),)), Call("f", (X * 2,)), Call("g", (X,)),   # own: f twice
             Call("f", (X, 3.0)), Call("f", (X, 3.0)), Call("f", (X, 3)), Call("h", (X,))]
    assert grading.repeats(calls, own=4) == [0, 0, 1, 2, 3, 3, 4, 5]


@pytest.mark.parametrize("other", [np.array([-0.0, 1.0, 2.0]), X.astype(np.float32), X.reshape(3, 1), X[::-1].copy()])
def test_arrays_that_differ_in_sign_of_zero_dtype_shape_or_values_are_not_repeats(other):
    base = np.array([0.0, 1.0, 2.0])
    assert grading.repeats([Call("f", (base,)), Call("f", (other,))], own=2) == [0, 1]


def test_own_and_foreign_calls_are_never_merged_nor_calls_with_arguments_that_cannot_be_compared():
    assert grading.repeats([Call("f", (X,)), Call("f", (X,))], own=1) == [0, 1]
    assert grading.repeats([Call("f", ([1, 2],)), Call("f", ([1, 2],))], own=2) == [0, 1]
    assert grading.repeats([Call("f", (np.float64(1),)), Call("f", (np.float64(1),))], own=2) == [0, 1]


def test_a_repeated_call_runs_once_and_each_check_gets_its_own_copy(sandbox, tmp_path):
    seen = {}

    def keep(tag):
        def judge(outcomes):
            seen[tag] = outcomes
            return Verdict(True)
        return judge

    plan = grading.Plan([Exercise("count", [
        Check("count/a", [Call("count", (X,)), Call("count", (X * 2,))], keep("a")),
        Check("count/b", [Call("count", (X.copy(),)), Call("count", (X * 2,))], keep("b"))])])
    learner = tmp_path / "exercises.py"
    learner.write_text("CALLS = []\n\n\ndef count(x):\n    CALLS.append(1)\n    return x * 0 + len(CALLS)\n")
    session = sessions()[0]
    job = grading.job_for(plan, learner)
    assert [len(calls) for _, calls, _ in job.exercises] == [2] and job.expand == {"count": [0, 1, 0, 1]}
    results = grading.grade(sandbox, session, plan, learner)
    assert [r.status for r in results] == ["pass", "pass"]
    got = [[o["value"]["value"].tolist() for o in seen[tag]] for tag in "ab"]
    assert got == [[[1, 1, 1], [2, 2, 2]], [[1, 1, 1], [2, 2, 2]]], "the function ran twice, not four times"
    assert seen["a"][0]["value"]["value"] is not seen["b"][0]["value"]["value"], "each check has its own copy"


def test_every_sessions_outline_keeps_the_repeats_of_its_plan():
    found = 0
    with Grader(ROOT, Limits(timeout=3.0)) as grader, Grader(ROOT, Limits(timeout=3.0)) as reader:
        for session in sessions():
            built = grader.plan(session, SEED)     # saves its outline
            loaded = reader.outline(session, SEED)
            assert isinstance(loaded, outline.Outline)
            job = grading.job_for(built, ROOT / "x.py")
            assert loaded.repeats == job.expand
            sent = grading.job_for(loaded, ROOT / "x.py").exercises
            assert [(n, [c["func"] for c in calls], own) for n, calls, own in sent] == \
                [(n, [c["func"] for c in calls], own) for n, calls, own in job.exercises]
            found += len(job.expand)
    assert found, "no session's checks repeat a call: this test would be blind"
