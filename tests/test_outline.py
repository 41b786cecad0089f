"""Outlines (kit/outline.py): a learner's `kit check` starts from a plan's outline and builds the plan
only when a check needs a judge. Whatever path it takes, the results are the plan's own."""

import pytest

from conftest import ROOT, SEED, session_named, sessions, variants, overlaid
from kit import grading, outline
from kit.config import Limits
from kit.grader import Grader

BUILT = sessions()


def _rows(results):
    return [(r.session, r.exercise, r.check, r.status, r.points, r.max_points, r.message, r.note, r.mistake)
            for part in results for r in part]


def _by_plan(grader, chosen, folder):
    """The results of the plan itself (no outline involved)."""
    items = [(s, grader.plan(s, SEED), folder / s.name / "exercises.py") for s in chosen]
    return grading.grade_many(grader._sandbox, items, folder)


@pytest.fixture(scope="module")
def warm():
    """Every session's plan built once, so its outline is on disk."""
    with Grader(ROOT, Limits(timeout=3.0)) as grader:
        for session in BUILT:
            grader.plan(session, SEED)
    return True


@pytest.mark.parametrize("session", BUILT, ids=lambda s: s.name)
def test_an_outline_holds_the_calls_of_its_plan(warm, session):
    with Grader(ROOT, Limits(timeout=3.0)) as grader:
        loaded = grader.outline(session, SEED)
        assert isinstance(loaded, outline.Outline), "found on disk, not built"
        built = grader.plan(session, SEED)
    assert outline.matches(loaded, built)
    assert [(c.id, c.points) for ex in loaded for c in ex.checks] == [(c.id, c.points) for ex in built for c in ex.checks]
    assert loaded.helpers == built.helpers


def test_the_stubs_are_decided_from_the_outlines_alone_with_the_plans_results(warm):
    with Grader(ROOT, Limits(timeout=3.0)) as grader:
        got = grader.check_learner(BUILT, SEED, ROOT / "sessions")
        assert not grader._plans, "no plan was built for stubs"
        expected = _by_plan(grader, BUILT, ROOT / "sessions")
    assert _rows(got) == _rows(expected)
    assert all(r.points == 0 for part in got for r in part)


def test_answers_that_need_judging_build_the_plan_and_get_its_results(warm, tmp_path):
    session = session_named("01-relu-backprop")
    mutant = variants("mutants", "01")[0]
    folder = overlaid(session, mutant, tmp_path).parent.parent
    for learner in (ROOT / "solutions", folder):
        with Grader(ROOT, Limits(timeout=3.0)) as grader:
            got = grader.check_learner([session], SEED, learner)
            assert grader._plans, "judging needed the plan"
            expected = _by_plan(grader, [session], learner)
        assert _rows(got) == _rows(expected)
    assert any(r.status == "fail" for r in got[0]), "the mutant still fails"


def test_an_outline_that_no_longer_matches_its_plan_is_run_again_with_the_plan(warm, tmp_path):
    from kit import wire

    session = session_named("02-linear-layer")
    path = outline.path_for(ROOT, session, grading.spec_path(session, ROOT), SEED)
    original = path.read_bytes()
    head, _, payload = original.partition(b"\n")
    message = wire.loads(payload)
    first = message["exercises"][0]["calls"][0]
    first["args"] = [a * 2 + 1 if hasattr(a, "shape") else a for a in first["args"]]   # other inputs sent
    try:
        path.write_bytes(head + b"\n" + wire.dumps(message))
        with Grader(ROOT, Limits(timeout=3.0)) as grader:
            assert not outline.matches(grader.outline(session, SEED), grader.plan(session, SEED))
        with Grader(ROOT, Limits(timeout=3.0)) as grader:
            got = grader.check_learner([session], SEED, ROOT / "solutions")
            expected = _by_plan(grader, [session], ROOT / "solutions")
    finally:
        path.write_bytes(original)
    assert _rows(got) == _rows(expected)
    assert all(r.status == "pass" for r in got[0]), "judged on the plan's inputs, not the outline's"


@pytest.mark.parametrize("damage", [b"", b"not json\npayload", b'{"key": "outline-01-relu-backprop-1-x"}\n',
                                    b'{"key": "another"}\npayload', b'[1, 2]\npayload',
                                    b'{"key": "outline-01-relu-backprop-1-x", "exercises": []}\npayload'])
def test_a_damaged_or_foreign_outline_is_ignored(tmp_path, damage):
    path = tmp_path / "01-relu-backprop-1-x.job"
    path.write_bytes(damage)
    assert outline.load(path) is None
    assert outline.load(tmp_path / "missing.job") is None


def test_a_zygote_forked_early_for_kit_check_goes_when_the_arguments_are_bad(monkeypatch):
    import os

    from kit import cli
    from kit.sandbox import start

    forked = []
    real = start.zygote
    monkeypatch.setattr(start, "zygote", lambda: forked.append(real()) or forked[-1])
    assert cli.main(["check", "--timeout", "soon"]) == 2
    assert len(forked) == 1 and start._early is None
    with pytest.raises(ChildProcessError):
        os.waitpid(forked[0].pid, os.WNOHANG)   # reaped: nothing left running


def _lanes_used(monkeypatch) -> list:
    """Whether each round got a lane that had been sent exactly its bytes early."""
    from kit.sandbox import runner

    used, real = [], runner.Sandbox._lane

    def spy(self, want=None):
        lane = real(self, want)
        used.append(want is not None and lane.presend is not None and lane.presend == want)
        return lane

    monkeypatch.setattr(runner.Sandbox, "_lane", spy)
    return used


def test_kit_check_runs_the_jobs_it_sent_before_numpy_was_loaded(warm, monkeypatch, capsys):
    import json

    from kit import cli

    used = _lanes_used(monkeypatch)
    assert cli.main(["check", "--json", "--learner", str(ROOT / "solutions")]) == 0
    assert used[:2] == [True, True], "both halves ran on the lanes sent their jobs early"
    assert json.loads(capsys.readouterr().out)["total"]["points"] > 0


def test_a_lane_sent_another_job_early_is_never_given_this_one(warm, monkeypatch, capsys):
    import json

    from kit import cli
    from kit.sandbox import presend

    real = presend.job
    monkeypatch.setattr(presend, "job", lambda root, half, seed, learner, timeout:
                        real(root, half, seed, ROOT / "solutions", timeout))   # the early jobs hold other files
    used = _lanes_used(monkeypatch)
    assert cli.main(["check", "--json"]) == 1
    assert not any(used)
    report = json.loads(capsys.readouterr().out)
    assert report["total"]["points"] == 0, "the stubs were judged, not the solutions sent early"


def test_the_early_job_is_built_without_numpy():
    import subprocess
    import sys

    code = ("import sys; from pathlib import Path; from kit.sandbox import presend, start; from kit.sessions import resolve; "
            f"root = Path({str(ROOT)!r}); presend.job(root, resolve([], root), 2026, root / 'sessions', 5.0); "
            "assert 'numpy' not in sys.modules, 'numpy was imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_a_file_of_stubs_is_told_from_one_with_code(tmp_path):
    from kit.sessions import all_stubs

    for session in BUILT:
        assert all_stubs(session.exercises_file), session.name
        assert not all_stubs(ROOT / "solutions" / session.name / "exercises.py"), session.name
    path = tmp_path / "exercises.py"
    path.write_text('def f(x):\n    """doc"""\n    raise NotImplementedError\n\n'
                    'def g(x):\n    raise NotImplementedError("write g")\n')
    assert all_stubs(path)
    path.write_text(path.read_text() + "\ndef h(x):\n    return x\n")
    assert not all_stubs(path)


def test_two_threads_asking_for_one_plan_build_it_once(warm, monkeypatch):
    import threading

    from kit import grading as grading_module

    session, calls, real = session_named("03-softmax-cross-entropy"), [], grading_module.plan
    monkeypatch.setattr(grading_module, "plan", lambda *a, **k: calls.append(1) or real(*a, **k))
    with Grader(ROOT, Limits(timeout=3.0)) as grader:
        got = []
        threads = [threading.Thread(target=lambda: got.append(grader.plan(session, SEED))) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(calls) == 1 and len(got) == 3 and got[0] is got[1] is got[2]


def test_a_learner_of_stubs_is_checked_without_numpy_in_the_kit():
    import subprocess
    import sys

    code = ("import sys; from kit.cli import main; rc = main(['check', '--json']); "
            "assert 'numpy' not in sys.modules, 'the kit imported numpy'; sys.exit(0 if rc == 1 else 3)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]


def test_code_that_raises_is_shown_with_its_input_as_the_plan_shows_it(warm, tmp_path):
    session = session_named("02-linear-layer")
    learner = tmp_path / "learner"
    target = learner / session.name / "exercises.py"
    target.parent.mkdir(parents=True)
    target.write_text(session.exercises_file.read_text() + "\n\ndef affine_forward(x, W, b):\n"
                      "    raise ValueError('shapes do not line up')\n")
    with Grader(ROOT, Limits(timeout=3.0)) as grader:
        got = grader.check_learner([session], SEED, learner)
        expected = _by_plan(grader, [session], learner)
    assert _rows(got) == _rows(expected)
    raised = [r for r in got[0] if r.exercise == "affine_forward"]
    assert raised and all(r.status == "error" and "  x " in r.message for r in raised), raised[0].message


def test_a_fifo_handed_in_as_exercises_py_does_not_hang_kit_check(tmp_path):
    """While the learner processes run, kit check looks into each file for code (to build its plan
    early): a FIFO there must be read as the sandbox reads it, never opened and waited on."""
    import os
    import subprocess
    import sys

    (tmp_path / "01-relu-backprop").mkdir()
    os.mkfifo(tmp_path / "01-relu-backprop" / "exercises.py")
    (tmp_path / "02-linear-layer").mkdir()
    (tmp_path / "02-linear-layer" / "exercises.py").write_text(
        (ROOT / "solutions" / "02-linear-layer" / "exercises.py").read_text())
    done = subprocess.run([sys.executable, "-m", "kit", "check", "--learner", str(tmp_path), "--json"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    import json

    results = json.loads(done.stdout)["results"]
    assert done.returncode == 1 and {r["session"] for r in results} == {"01-relu-backprop", "02-linear-layer"}
    assert all("not a regular file" in r["message"] for r in results if r["session"] == "01-relu-backprop")
    assert all(r["status"] == "pass" for r in results if r["session"] == "02-linear-layer")
