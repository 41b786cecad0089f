"""Grading discriminates: references score full marks, stubs zero, each plausible mistake fails
with a message naming it, and correct alternatives written differently keep full marks."""

from __future__ import annotations

import pytest

from conftest import ROOT, expectation, overlaid, sessions, variants


def by_check(results):
    return {r.check: r for r in results}


@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_solution_scores_full_marks(session, grade):
    results = grade(session, ROOT / "solutions" / session.name / "exercises.py")
    failed = [f"{r.check}: {r.status}\n{r.message}" for r in results if r.status != "pass"]
    assert results and not failed, "\n\n".join(failed)


@pytest.mark.parametrize("session", sessions(), ids=lambda s: s.name)
def test_stub_scores_zero(session, grade):
    results = grade(session, session.exercises_file)
    assert results and all(r.points == 0 for r in results)
    assert {r.status for r in results} == {"not_implemented"}
    assert all("NotImplementedError" in r.message for r in results)


def mutant_cases():
    for session in sessions():
        for path in variants("mutants", session.number):
            yield pytest.param(session, path, id=f"{session.number}-{path.stem}")


@pytest.mark.parametrize("session,mutant", list(mutant_cases()))
def test_mutant_fails_with_named_mistake(session, mutant, grade, tmp_path):
    expect = expectation(mutant)
    assert expect, f"{mutant} has no EXPECT"
    results = by_check(grade(session, overlaid(session, mutant, tmp_path)))
    target = results[expect["check"]]
    assert target.status in ("fail", "error"), f"{expect['check']} passed for mutant {mutant.stem}"
    assert expect["says"] in target.message, target.message
    for check in expect.get("also", []):   # more checks this mistake shows can fail
        assert results[check].status in ("fail", "error"), (check, "passed")
    for check in expect.get("passes", []):   # checks about something else must not blame this mistake
        assert results[check].status == "pass", (check, results[check].message)
    if "note" in expect:   # a neighbour's comparison that is not counted, only noted
        check, words = expect["note"]
        assert results[check].status == "pass" and words in results[check].note, results[check]
    # Only the exercises the mutant redefines, or that call them (EXPECT["affects"]), may lose points.
    touched = {line[4:].split("(")[0] for line in mutant.read_text().splitlines() if line.startswith("def ")}
    touched |= set(expect.get("affects", []))
    untouched = [r for r in results.values() if r.exercise not in touched and r.status != "pass"]
    assert not untouched, [u.check for u in untouched]


def alternative_cases():
    for session in sessions():
        for path in variants("alternatives", session.number):
            yield pytest.param(session, path, id=f"{session.number}-{path.stem}")


@pytest.mark.parametrize("session,alternative", list(alternative_cases()))
def test_correct_alternative_keeps_full_marks(session, alternative, grade, tmp_path):
    results = grade(session, overlaid(session, alternative, tmp_path))
    failed = [f"{r.check}: {r.status}\n{r.message}" for r in results if r.status != "pass"]
    assert not failed, "\n\n".join(failed)


def test_kink_note_names_the_convention(grade, tmp_path):
    session = sessions()[0]
    essay = by_check(grade(session, ROOT / "solutions" / session.name / "exercises.py"))
    assert "you pass the gradient" in essay["relu_backward/kink"].note
    pytorch = next(p for p in variants("alternatives", "01") if p.stem == "relu_backward_pytorch")
    blocked = by_check(grade(session, overlaid(session, pytorch, tmp_path)))
    assert "you block the gradient" in blocked["relu_backward/kink"].note


def test_feedback_localises_and_shows_formula(grade, tmp_path):
    session = sessions()[0]
    mutant = next(p for p in variants("mutants", "01") if p.stem == "relu_backward_inverted_mask")
    message = by_check(grade(session, overlaid(session, mutant, tmp_path)))["relu_backward/mixed-signs"].message
    assert "wrong for x > 0 and x < 0" in message or ("wrong for" in message and "x < 0" in message)
    assert "expected" in message and "got" in message
    assert "formula   dx = dout * relu'(x)" in message
    assert "derivations.py" in message


def test_kit_helpers_cannot_be_edited_by_the_learner(grade, tmp_path):
    """Session 04 grades numerical_gradient through the kit's _probe_numerical_gradient: a learner's
    own version of the helper (here one that answers without calling the exercise) is overridden."""
    session = next(s for s in sessions() if s.number == "04")
    forged = ("\n\ndef numerical_gradient(f, x, h=1e-5):\n    raise NotImplementedError('not written')\n\n"
              "def _probe_numerical_gradient(name, x):\n"
              "    g = np.zeros_like(x, dtype=float)\n"
              "    for i in np.ndindex(x.shape):\n"
              "        e = np.zeros_like(g); e[i] = 1e-5\n"
              "        g[i] = (PROBES[name](x + e) - PROBES[name](x - e)) / 2e-5\n"
              "    return g\n")
    target = tmp_path / session.name / "exercises.py"
    target.parent.mkdir(parents=True)
    target.write_text((ROOT / "solutions" / session.name / "exercises.py").read_text() + forged)
    results = [r for r in grade(session, target) if r.exercise == "numerical_gradient"]
    assert results and {r.status for r in results} == {"not_implemented"}
