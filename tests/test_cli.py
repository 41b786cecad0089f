"""The command line: --json's documented shape, exit codes, one-line errors, --help everywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from kit.cli import COMMANDS
from kit.results import STATUSES


def kit(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "kit", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=120)


def test_check_json_has_the_documented_shape():
    done = kit("check", "01", "--learner", str(ROOT / "solutions"), "--json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)  # exactly one JSON object, nothing else on stdout
    assert set(doc) >= {"results", "total"}
    keys = {"session", "exercise", "check", "status", "points", "max_points", "message", "mistake"}
    assert doc["results"] and all(set(r) == keys for r in doc["results"])
    assert all(r["mistake"] == "" for r in doc["results"])
    assert all(r["status"] in STATUSES for r in doc["results"])
    assert doc["total"]["points"] == doc["total"]["max_points"] == sum(r["max_points"] for r in doc["results"])


def test_check_json_names_the_mistake_in_its_own_field(tmp_path):
    folder = tmp_path / "01-relu-backprop"
    folder.mkdir()
    solution = (ROOT / "solutions" / "01-relu-backprop" / "exercises.py").read_text()
    (folder / "exercises.py").write_text(solution + "\n\ndef relu_forward(x):\n    return np.minimum(x, 0)\n")
    doc = json.loads(kit("check", "01", "--learner", str(tmp_path), "--json").stdout)
    named = {r["check"]: r["mistake"] for r in doc["results"] if r["mistake"]}
    assert named.get("relu_forward/mixed-signs") == "np.minimum instead of np.maximum"


def test_check_stub_exits_1_and_says_not_implemented():
    done = kit("check", "01")
    assert done.returncode == 1
    assert "not implemented yet: relu_forward, relu_backward" in done.stdout
    assert "write them in sessions/01-relu-backprop/exercises.py" in done.stdout and "make check S=01" in done.stdout


def test_check_same_seed_same_inputs(tmp_path):
    # A wrong answer, so that failure messages show the inputs the seed drew.
    folder = tmp_path / "01-relu-backprop"
    folder.mkdir()
    solution = (ROOT / "solutions" / "01-relu-backprop" / "exercises.py").read_text()
    (folder / "exercises.py").write_text(solution + "\n\ndef relu_backward(dout, x):\n    return dout * (x < 0)\n")

    def messages(seed):
        doc = json.loads(kit("check", "01", "--learner", str(tmp_path), "--json", "--seed", seed).stdout)
        return [r["message"] for r in doc["results"] if r["status"] == "fail"]

    a, b, other = messages("7"), messages("7"), messages("8")
    assert a and a == b
    assert a != other


@pytest.mark.parametrize("args,says", [
    pytest.param(["check", "99"], "unknown session '99'", id="unknown-session"),
    pytest.param(["check", "--learner", "/no/such/folder"], "does not exist", id="missing-learner-folder"),
    pytest.param(["check", "--seed", "x"], "--seed must be a whole number", id="bad-seed"),
    pytest.param(["nonsense"], "invalid choice", id="unknown-command"),
    pytest.param(["check", "--timeout", "0"], "--timeout must be more than 0", id="bad-timeout"),
    pytest.param(["check", "--timeout", "-1"], "--timeout must be more than 0", id="negative-timeout"),
    pytest.param(["check", "--timeout", "nan"], "--timeout must be more than 0", id="nan-timeout"),
    pytest.param(["check", "--timeout", "inf"], "--timeout must be more than 0", id="inf-timeout"),
    pytest.param(["grade", "tests/alternatives/01", "--timeout", "-1"], "--timeout must be", id="grade-negative-timeout"),
    pytest.param(["grade", "tests/alternatives/01", "--timeout", "nan"], "--timeout must be", id="grade-nan-timeout"),
    pytest.param(["check", "--seed", str(2**67)], "--seed must be between", id="huge-seed"),
    pytest.param(["grade", "tests/alternatives/01", "--seed", str(2**67)], "--seed must be between", id="grade-huge-seed"),
    pytest.param(["grade", "tests/alternatives/01", "--jobs", "0"], "--jobs must be", id="zero-jobs"),
    pytest.param(["grade", "tests", "--out", "README.md"], "is a file", id="out-is-a-file"),
    pytest.param(["check", "--learner", "/no/such/\x1b[31mred\nfolder"], "\\x1b[31mred\\nfolder", id="escape-codes-escaped"),
    pytest.param(["check", "--seed", "-1"], "--seed must be", id="negative-seed"),
    pytest.param(["check", "--learner", "README.md"], "is a file, not a folder", id="learner-is-a-file"),
    pytest.param(["grade", "/no/such/folder"], "does not exist", id="missing-submissions"),
    pytest.param(["grade", "tests/alternatives/01", "--seed", "-3"], "--seed must be", id="grade-negative-seed"),
])
def test_bad_arguments_give_one_line_and_exit_2(args, says):
    done = kit(*args)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_learner_folder_without_sessions_is_a_clear_error(tmp_path):
    done = kit("check", "--learner", str(tmp_path))
    assert done.returncode == 2 and "holds no session folders" in done.stderr


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_command_has_help(command):
    done = kit(*([command] if command else []), "--help")
    assert done.returncode == 0 and "usage: kit" in done.stdout


def test_list_shows_sessions_and_exercises():
    doc = json.loads(kit("list", "--json").stdout)
    first = doc[0]
    assert first["session"] == "01-relu-backprop" and first["title"] == "ReLU and the chain rule"
    assert {"relu_forward", "relu_backward", "sigmoid_forward", "sigmoid_backward"} <= set(first["exercises"])


def test_unreadable_notebook_is_one_line_and_nothing_is_lost(tmp_path):
    import shutil

    root = tmp_path / "course"
    shutil.copytree(ROOT / "sessions" / "01-relu-backprop", root / "sessions" / "01-relu-backprop")
    (root / "kit").mkdir()
    notebook = root / "sessions" / "01-relu-backprop" / "slides.ipynb"
    notebook.write_text("{ this is not json")
    done = kit("slides", "01", "--out", str(tmp_path / "out"), env={"KIT_ROOT": str(root)})
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "slides.ipynb" in lines[0], done.stderr
    assert notebook.read_text() == "{ this is not json"


def test_grading_an_empty_folder_is_a_clear_error(tmp_path):
    done = kit("grade", str(tmp_path), "--out", str(tmp_path.parent / "g-out"))
    assert done.returncode == 2 and "holds no learner folders" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_make_help_lists_every_target():
    import re

    done = subprocess.run(["make", "help"], cwd=ROOT, capture_output=True, text=True)
    listed = set(re.findall(r"make (\S+)", done.stdout))
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.M)) - {"need-chromium"}
    assert targets <= listed, targets - listed
    assert {"release", "grade", "new", "check", "test"} <= listed


def test_a_reader_that_leaves_early_gets_no_traceback():
    """`kit check | head`: the pipe closes before the table is written; the kit stops quietly."""
    proc = subprocess.Popen([sys.executable, "-m", "kit", "check", "01"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    proc.stdout.close()   # before the kit writes anything
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141 and "Traceback" not in err, err[-1500:]


@pytest.mark.parametrize("source, says", [
    ("import numpy as np\n\ndef affine_forward(x, W, b)\n    return x @ W + b\n", "syntax error in exercises.py line 3"),
    ("import numpy as np\nimport not_a_module\n", "No module named 'not_a_module'"),
])
def test_a_file_that_does_not_load_is_said_once_not_once_per_exercise(tmp_path, source, says):
    learner = tmp_path / "02-linear-layer" / "exercises.py"
    learner.parent.mkdir()
    learner.write_text(source)
    done = subprocess.run([sys.executable, "-m", "kit", "check", "02", "--learner", str(tmp_path)], capture_output=True,
                          text=True, cwd=ROOT)
    assert done.returncode == 1 and done.stdout.count(says) == 1, done.stdout
    assert "✗ 02-linear-layer: exercises.py (error)" in done.stdout
    listed = json.loads(subprocess.run([sys.executable, "-m", "kit", "check", "02", "--learner", str(tmp_path), "--json"],
                                       capture_output=True, text=True, cwd=ROOT).stdout)["results"]
    assert len(listed) > 6 and all(r["status"] == "error" and says in r["message"] for r in listed)
