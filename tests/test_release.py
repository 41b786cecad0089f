"""`kit release`: the learner edition holds no answer, and `make check` works in it from scratch."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT


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


def test_release_carries_a_github_classroom_config(tmp_path):
    done = subprocess.run([sys.executable, "-m", "kit", "release", str(tmp_path / "edition")], cwd=ROOT,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    import json

    from conftest import sessions

    config = json.loads((tmp_path / "edition" / ".github" / "classroom" / "autograding.json").read_text())
    assert [t["name"] for t in config["tests"]] == [s.name for s in sessions()]
    assert all(t["run"] == f"make check S={t['name'][:2]}" and t["points"] > 0 for t in config["tests"])
