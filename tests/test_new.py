"""`kit new NN-slug` scaffolds a session that grades at once: its solution full marks, its stub zero."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT


def kit(root, *args):
    env = {**os.environ, "KIT_ROOT": str(root)}
    return subprocess.run([sys.executable, "-m", "kit", *args], cwd=root, capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    (root / "sessions").mkdir()
    (root / "kit").mkdir()
    done = kit(root, "new", "07-calibration")
    assert done.returncode == 0, done.stderr
    return root


def test_new_session_has_every_part(course):
    folder = course / "sessions" / "07-calibration"
    for name in ("slides.ipynb", "derivations.py", "exercises.py", "checks.py", "README.md"):
        assert (folder / name).is_file(), name
    assert (course / "solutions" / "07-calibration" / "exercises.py").is_file()
    import nbformat

    deck = nbformat.read(folder / "slides.ipynb", as_version=4)
    nbformat.validate(deck)
    kinds = [c.metadata["slideshow"]["slide_type"] for c in deck.cells]
    assert kinds.count("slide") >= 3 and "notes" in kinds
    assert any(c.cell_type == "code" and "sympy" in c.source for c in deck.cells)
    readme = (folder / "README.md").read_text()
    assert "## Reading" in readme and "## Learning goals" in readme


def test_new_session_solution_full_marks_stub_zero(course):
    solved = json.loads(kit(course, "check", "07", "--learner", str(course / "solutions"), "--json").stdout)
    assert solved["results"] and solved["total"]["points"] == solved["total"]["max_points"]
    stub = json.loads(kit(course, "check", "07", "--json").stdout)
    assert stub["total"]["points"] == 0 and {r["status"] for r in stub["results"]} == {"not_implemented"}


def test_new_session_catches_a_mistake(course, tmp_path):
    learner = tmp_path / "07-calibration"
    learner.mkdir()
    (learner / "exercises.py").write_text("import numpy as np\n\ndef cube_backward(dout, x):\n    return 3 * x ** 2\n")
    doc = json.loads(kit(course, "check", "07", "--learner", str(tmp_path), "--json").stdout)
    values = next(r for r in doc["results"] if r["check"] == "cube_backward/values")
    assert values["status"] == "fail" and values["mistake"] == "3 * x ** 2 without dout"


def test_derivations_script_runs(course):
    done = subprocess.run([sys.executable, str(course / "sessions" / "07-calibration" / "derivations.py")],
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0 and "cube_backward" in done.stdout


@pytest.mark.parametrize("name,says", [
    pytest.param("07-other", "session number 07 is taken", id="taken-number"),
    pytest.param("7-x", "is not a session name", id="one-digit"),
    pytest.param("08-Bad_Name", "is not a session name", id="bad-slug"),
])
def test_new_refuses_bad_or_taken_names(course, name, says):
    done = kit(course, "new", name)
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1 and says in lines[0], done.stderr
    assert not (course / "sessions" / name).exists()
