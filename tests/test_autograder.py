"""`kit autograder` builds a Gradescope autograder; its run_autograder grades a fake /autograder tree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT

S01 = "01-relu-backprop"


@pytest.fixture(scope="module")
def autograder(tmp_path_factory):
    base = tmp_path_factory.mktemp("gradescope")
    done = subprocess.run([sys.executable, "-m", "kit", "autograder", "--out", str(base / "autograder.zip")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return base / "autograder.zip"


def run_autograder(zip_path, tmp_path, files: dict[str, str]):
    tree = tmp_path / "autograder"
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(tree / "source")
    shutil.move(str(tree / "source" / "run_autograder"), tree / "run_autograder")
    for name, text in files.items():
        path = tree / "submission" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    env = {**os.environ, "AUTOGRADER_ROOT": str(tree), "KIT_PYTHON": sys.executable}
    env.pop("KIT_ROOT", None)
    done = subprocess.run(["bash", str(tree / "run_autograder")], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads((tree / "results" / "results.json").read_text())


def test_zip_holds_setup_run_and_no_answers(autograder):
    names = zipfile.ZipFile(autograder).namelist()
    assert {"setup.sh", "run_autograder"} <= set(names)
    assert any(n.startswith("source/kit/") for n in names) and f"source/sessions/{S01}/checks.py" in names
    assert not any(n.startswith("source/solutions/") or n.startswith("source/tests/") for n in names)


def test_run_autograder_writes_gradescope_results(autograder, tmp_path):
    solution = (ROOT / "solutions" / S01 / "exercises.py").read_text()
    doc = run_autograder(autograder, tmp_path, {f"{S01}/exercises.py": solution})
    mine = [t for t in doc["tests"] if t["name"].startswith(S01)]
    assert mine and all(t["status"] == "passed" and t["score"] == t["max_score"] for t in mine)
    others = [t for t in doc["tests"] if not t["name"].startswith(S01)]
    assert others and all(t["score"] == 0 for t in others), "sessions not handed in count 0"
    assert doc["score"] == sum(t["score"] for t in mine)
