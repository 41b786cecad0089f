"""The learner edition's recorded values (kit/recorded.py): found in order while a plan is built,
then by call; anything else is refused with a message, never computed."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys

import numpy as np
import pytest

from conftest import ROOT, SEED, session_named
from kit import grading, recorded
from kit.errors import KitError


@pytest.fixture(scope="module")
def recording():
    session = session_named("01-relu-backprop")
    return session, recorded.record(session, ROOT, SEED)[0]


def replayed_plan(session, data):
    return grading.plan(session, recorded.Recorded(data, session), ROOT, SEED, cached=False)


def test_a_replayed_plan_has_the_course_plans_inputs_and_expected_values(recording, plans):
    session, data = recording
    course, edition = plans(session), replayed_plan(session, data)
    for ours, theirs in zip(course, edition):
        for a, b in zip(ours.checks, theirs.checks):
            assert a.id == b.id and [c.label for c in a.calls] == [c.label for c in b.calls]
            for x, y in zip(a.calls, b.calls):
                for u, v in zip(x.args, y.args):
                    np.testing.assert_array_equal(u, v)


def test_values_are_found_again_by_call_once_the_plan_is_built(recording):
    session, data = recording
    refs = recorded.Recorded(data, session)
    grading.plan(session, refs, ROOT, SEED, cached=False)
    x = np.array([-1.0, 0.5])
    with pytest.raises(recorded.NotRecorded):      # a learner's own values: the edition has no reference to ask
        refs["relu_forward"](x)


def test_inputs_drawn_otherwise_are_refused_with_what_to_do(recording):
    session, data = recording
    what, gist, value = data["made"][0]
    tampered = {**data, "made": [(what, [g * 1.5 + 1 for g in gist], value)] + data["made"][1:]}
    with pytest.raises(KitError, match="not those kit release recorded values for: checks.py differs"):
        replayed_plan(session, tampered)


def test_another_numpy_that_draws_otherwise_is_told_which_to_install(recording):
    session, data = recording
    what, gist, value = data["made"][0]
    tampered = {**data, "numpy": "1.0.0", "made": [(what, [g * 1.5 + 1 for g in gist], value)] + data["made"][1:]}
    with pytest.raises(KitError, match=r"this NumPy .* install that one \(.venv/bin/pip install numpy==1.0.0\)"):
        replayed_plan(session, tampered)


def test_checks_that_ask_otherwise_than_recorded_are_refused(recording):
    session, data = recording
    what, gist, value = data["made"][0]
    with pytest.raises(KitError, match="differs from the released one"):
        replayed_plan(session, {**data, "made": [("ref:somewhere_else", gist, value)] + data["made"][1:]})


def test_only_the_recorded_seed_is_checked(recording):
    session, data = recording
    with pytest.raises(KitError, match="seed 2026 only"):
        grading.plan(session, recorded.Recorded(data, session), ROOT, SEED + 1, cached=False)


@pytest.mark.parametrize("content", [b"not a pickle", pickle.dumps({"format": recorded.FORMAT, "seed": SEED, "made": [(1, 2)],
                                                                     "kinds": {}, "formulas": {}, "elementwise": {}})])
def test_a_damaged_recording_is_one_clear_error(tmp_path, content):
    edition = tmp_path / "sessions" / "01-relu-backprop"
    edition.mkdir(parents=True)
    for name in ("checks.py", "derivations.py", "exercises.py"):
        (edition / name).write_bytes((ROOT / "sessions" / "01-relu-backprop" / name).read_bytes())
    (edition / "recorded.pkl").write_bytes(content)
    (edition / "exercises.py").write_bytes((ROOT / "solutions" / "01-relu-backprop" / "exercises.py").read_bytes())
    done = subprocess.run([sys.executable, "-m", "kit", "check", "01"], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "KIT_ROOT": str(tmp_path)})
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "damaged" in lines[0], done.stderr
