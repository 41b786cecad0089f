"""`kit release`: the learner edition holds no answer, and `make check` works in it from scratch."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEED, overlaid, sessions, variants


SHORT = 30   # `return A @ w - b`: a one-line formula this short is the derivation's result itself


def bodies_of(path) -> dict[str, str]:
    """name → whitespace-normalised body (docstring left out) of each function in a file."""
    source = path.read_text()
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef):
            body = node.body[1:] if ast.get_docstring(node) else node.body
            text = normalise("\n".join(ast.get_source_segment(source, stmt) for stmt in body))
            if len(body) == 1 and isinstance(body[0], ast.Return) and len(text) <= SHORT + len("return "):
                continue
            found[node.name] = text
    return found


def solution_bodies() -> list[str]:
    """Every function body of solutions/ that is an answer.

    Left out: a single `return <formula>` of at most SHORT characters — such a formula is what the
    session derives and states on its slides and in derivations.py, which learners get on purpose —
    and helpers the learner's stub file provides with the very same body (e.g. session 04's probe
    wrappers). Anything else is an implementation and must not ship."""
    bodies = []
    for path in (ROOT / "solutions").rglob("exercises.py"):
        given = bodies_of(ROOT / "sessions" / path.parent.name / "exercises.py")
        bodies += [body for name, body in bodies_of(path).items() if given.get(name) != body]
    return bodies


def normalise(text: str) -> str:
    text = re.sub(r"#[^\n]*", "", text)
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    target = tmp_path_factory.mktemp("release") / "learner-edition"
    done = subprocess.run([sys.executable, "-m", "kit", "release", str(target)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return target


def test_release_leaves_out_answers_and_kit_tests(edition):
    assert (edition / "sessions").is_dir() and (edition / "kit").is_dir() and (edition / "Makefile").exists()
    assert not (edition / "solutions").exists()
    assert not (edition / "tests" / "mutants").exists() and not (edition / "tests" / "alternatives").exists()
    assert not list((edition / "tests").glob("test_*.py")) and not (edition / "tests" / "conftest.py").exists()
    assert not (edition / "bench").exists() and not (edition / ".ci").exists()
    assert "course-only" not in (edition / "Makefile").read_text()
    assert "learner edition" in (edition / "README.md").read_text()


def test_no_solution_body_appears_in_the_release(edition):
    shipped = {p: normalise(p.read_text(errors="replace")) for p in edition.rglob("*") if p.is_file()}
    bodies = solution_bodies()
    assert bodies
    leaks = [(str(p.relative_to(edition)), body) for body in bodies for p, text in shipped.items() if body in text]
    assert not leaks, leaks


def exercise_names() -> list[str]:
    return sorted({name for session in sessions() for name in session.exercise_names()})


def test_no_function_named_after_an_exercise_outside_the_stubs(edition):
    """Neither a `def` nor a string holding one (a deck's cell, a derivation's code string) names an exercise."""
    named = re.compile(r"\bdef\s+(" + "|".join(exercise_names()) + r")\s*\(")
    found = []
    for path in edition.rglob("*"):
        if path.is_file() and path.name != "exercises.py" and path.suffix not in (".pkl", ".png", ".svg"):
            found += [(str(path.relative_to(edition)), m.group(0)) for m in named.finditer(path.read_text(errors="replace"))]
    assert not found, found


def test_the_scan_for_answers_finds_them_in_the_course(tmp_path):
    """The scan above can fail: run on the course's own derivations, it finds their answer code."""
    named = re.compile(r"\bdef\s+(" + "|".join(exercise_names()) + r")\s*\(")
    assert sum(bool(named.search(p.read_text())) for p in (ROOT / "sessions").glob("*/derivations.py")) >= 10


def test_the_derivations_still_run_in_the_release(edition):
    """Without its answer code each derivations.py still derives and prints (one interpreter for all twelve)."""
    script = ("import contextlib, io, runpy, sys\n"
              "for path in sys.argv[1:]:\n"
              "    sys.path.insert(0, str(__import__('pathlib').Path(path).parent))\n"
              "    with contextlib.redirect_stdout(io.StringIO()) as out:\n"
              "        runpy.run_path(path, run_name='__main__')\n"
              "    assert out.getvalue().strip(), path\n"
              "    sys.path.pop(0)\n")
    files = sorted(str(p) for p in (edition / "sessions").glob("*/derivations.py"))
    done = subprocess.run([sys.executable, "-c", script, *files], cwd=edition, capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONPATH": str(edition)})
    assert done.returncode == 0, done.stderr[-3000:]


def test_each_session_ships_its_recorded_checks(edition):
    for session in sessions():
        assert (edition / "sessions" / session.name / "recorded.pkl").stat().st_size > 0


def graded_statuses(tree, submissions, out) -> dict:
    """(learner, check id) → status, from `kit grade --seed <make check's>` run with the kit of `tree`."""
    import sqlite3

    done = subprocess.run([sys.executable, "-m", "kit", "grade", str(submissions), "--seed", str(SEED), "--out", str(out),
                           "--timeout", "3"], cwd=tree, capture_output=True, text=True, timeout=900,
                          env={**os.environ, "PYTHONPATH": str(tree)})
    assert done.returncode in (0, 1), done.stderr[-3000:]
    with sqlite3.connect(out / "gradebook.sqlite") as db:
        return {(learner, check): status for learner, check, status in
                db.execute("SELECT learner, check_id, status FROM results WHERE session IN (SELECT name FROM sessions)")}


@pytest.mark.slow
def test_the_release_judges_every_variant_as_the_course_does(edition, tmp_path):
    """make check's seed, graded by the learner edition (recorded values, no reference code) and by the
    course (its derivations): the same status for every check of the solutions, the stubs, every mutant
    and every alternative."""
    submissions = tmp_path / "submissions"
    for session in sessions():
        for name, text in [("solution", (ROOT / "solutions" / session.name / "exercises.py").read_text()),
                           ("stub", session.exercises_file.read_text())]:
            learner = submissions / f"{session.number}-{name}" / session.name
            learner.mkdir(parents=True)
            (learner / "exercises.py").write_text(text)
        for kind in ("mutants", "alternatives"):
            for variant in variants(kind, session.number):
                overlaid(session, variant, submissions / f"{session.number}-{kind}")
    for folder in [p for p in submissions.iterdir() if p.name.endswith(("-mutants", "-alternatives"))]:
        for learner in folder.iterdir():          # overlaid() writes <folder>/<variant>/<session>/exercises.py
            learner.rename(submissions / f"{folder.name}-{learner.name}")
        folder.rmdir()
    course = graded_statuses(ROOT, submissions, tmp_path / "course")
    released = graded_statuses(edition, submissions, tmp_path / "edition")
    assert len(course) > 10_000 and course.keys() == released.keys()
    differ = {key: (course[key], released[key]) for key in course if course[key] != released[key]}
    assert not differ, list(differ.items())[:20]
    assert {"pass", "fail"} <= set(course.values())


@pytest.mark.parametrize("where, says", [("a-file", "is a file"), ("/proc/kit-edition/here", "could not write")])
def test_release_to_where_it_cannot_go_is_one_line(tmp_path, where, says):
    (tmp_path / "a-file").write_text("mine")
    done = subprocess.run([sys.executable, "-m", "kit", "release", where], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "KIT_ROOT": str(ROOT)})
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and says in lines[0], done.stderr
    assert (tmp_path / "a-file").read_text() == "mine"


def test_release_refuses_a_non_empty_folder(tmp_path):
    (tmp_path / "keep.txt").write_text("mine")
    done = subprocess.run([sys.executable, "-m", "kit", "release", str(tmp_path)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2 and "not empty" in done.stderr and (tmp_path / "keep.txt").read_text() == "mine"


@pytest.mark.slow
def test_make_check_works_in_a_fresh_copy_of_the_release(edition, tmp_path):
    copy = tmp_path / "clone"
    shutil.copytree(edition, copy)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("VIRTUAL_ENV", "KIT_"))}
    done = subprocess.run(["make", "check", "S=01"], cwd=copy, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode != 0, "stubs are not full marks"
    assert "not implemented yet" in done.stdout and "total 0/" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]
    solved = copy / "sessions" / "01-relu-backprop" / "exercises.py"
    solved.write_text((ROOT / "solutions" / "01-relu-backprop" / "exercises.py").read_text())
    done = subprocess.run(["make", "check", "S=01"], cwd=copy, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0 and "full marks" in done.stdout, done.stdout[-2000:] + done.stderr[-2000:]


def test_release_refuses_a_stub_solved_in_the_working_tree(tmp_path):
    stub = ROOT / "sessions" / "01-relu-backprop" / "exercises.py"
    original = stub.read_bytes()
    try:
        stub.write_bytes(original + b"\n# solved while trying it out\n")
        done = subprocess.run([sys.executable, "-m", "kit", "release", str(tmp_path / "edition")], cwd=ROOT,
                              capture_output=True, text=True)
    finally:
        stub.write_bytes(original)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and "differs from the committed stub" in lines[0], done.stderr
    assert not (tmp_path / "edition").exists()


def test_release_carries_a_github_classroom_config(edition):
    import json

    config = json.loads((edition / ".github" / "classroom" / "autograding.json").read_text())
    assert [t["name"] for t in config["tests"]] == [s.name for s in sessions()]
    assert all(t["run"] == f"make check S={t['name'][:2]}" and t["points"] > 0 for t in config["tests"])
