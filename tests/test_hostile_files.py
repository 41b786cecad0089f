"""What is handed in instead of a file: links, FIFOs, devices, huge files, wrong layouts, odd archive
names. The grader reads each learner's file itself without following links, so each costs only
its learner, is named in one `error:` line, and nobody is dropped silently."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import zipfile

import pytest

from conftest import ROOT

S01 = "01-relu-backprop"
SOLUTION = (ROOT / "solutions" / S01 / "exercises.py").read_text()


def kit_grade(subs, out, *extra, timeout=300):
    return subprocess.run([sys.executable, "-m", "kit", "grade", str(subs), "--out", str(out), "--seed", "6",
                           "--timeout", "3", "--json", *extra], cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def learner_file(subs, learner):
    path = subs / learner / S01 / "exercises.py"
    path.parent.mkdir(parents=True)
    return path


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("files")
    subs, out = base / "subs", base / "out"
    learner_file(subs, "honest").write_text(SOLUTION)
    learner_file(subs, "link-to-solution").symlink_to(ROOT / "solutions" / S01 / "exercises.py")
    learner_file(subs, "link-to-honest").symlink_to(subs / "honest" / S01 / "exercises.py")
    os.mkfifo(learner_file(subs, "fifo"))
    learner_file(subs, "dev-zero").symlink_to("/dev/zero")
    with open(learner_file(subs, "huge"), "wb") as f:
        f.write(SOLUTION.encode())
        f.truncate(92 * 2**20)
    (subs / "session-link").mkdir()
    (subs / "session-link" / S01).symlink_to(ROOT / "solutions" / S01)
    # lost silently before: an upper-case extension, a plain tar, a linked folder, a wrong layout
    with zipfile.ZipFile(subs / "alice.ZIP", "w") as zf:
        zf.writestr(f"{S01}/exercises.py", SOLUTION)
    source = base / "bob.py"
    source.write_text(SOLUTION)
    with tarfile.open(subs / "bob.tar", "w") as tf:
        tf.add(source, f"bob/{S01}/exercises.py")
    (subs / "carol-link").symlink_to(subs / "honest")
    (subs / "dave" / "homework").mkdir(parents=True)
    (subs / "dave" / "homework" / "exercises.py").write_text(SOLUTION)
    done = kit_grade(subs, out)
    return {"done": done, "doc": json.loads(done.stdout) if done.stdout else {}, "out": out}


def rows_of(graded, learner):
    return [r for r in graded["doc"]["rows"] if r["learner"] == learner and r["session"] == S01]


def test_finishes_and_names_every_problem(graded):
    done = graded["done"]
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-2000:]
    errors = [line for line in done.stderr.splitlines() if line.strip()]
    assert all(line.startswith("error: ") for line in errors), errors
    for who in ("link-to-solution", "link-to-honest", "fifo", "dev-zero", "huge", "session-link", "carol-link", "dave"):
        assert any(who in line for line in errors), (who, errors)


def test_honest_and_archives_are_graded(graded):
    for learner in ("honest", "alice", "bob"):
        rows = rows_of(graded, learner)
        assert rows and all(r["status"] == "pass" for r in rows), (learner, rows[:1])


@pytest.mark.parametrize("learner,says", [
    pytest.param("link-to-solution", "link", id="link-to-solutions"),
    pytest.param("link-to-honest", "link", id="link-to-another-learner"),
    pytest.param("fifo", "not a regular file", id="fifo"),
    pytest.param("dev-zero", "link", id="link-to-dev-zero"),
    pytest.param("huge", "cap", id="92-megabytes"),
])
def test_a_file_that_is_not_a_plain_file_scores_zero(graded, learner, says):
    rows = rows_of(graded, learner)
    assert rows and all(r["points"] == 0 and r["status"] == "error" for r in rows)
    assert says in rows[0]["message"]


def test_two_graders_creating_one_gradebook_at_once(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    learner_file(subs, "ann").write_text(SOLUTION)
    command = [sys.executable, "-m", "kit", "grade", str(subs), "--out", str(out), "--seed", "1", "--json"]
    procs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in results]
    db = sqlite3.connect(out / "gradebook.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("SELECT COUNT(*) FROM runs WHERE status = 'finished'").fetchone()[0] == 2


def test_a_learner_is_scored_out_of_the_whole_course(graded):
    """Sessions not handed in count 0, with rows of their own (grades.csv, JSON, results.json)."""
    doc, out = graded["doc"], graded["out"]
    honest = [r for r in doc["rows"] if r["learner"] == "honest"]
    missing = [r for r in honest if r["session"] != S01]
    assert missing and all(r["status"] == "missing" and r["points"] == 0 and r["max_points"] > 0 for r in missing)
    total = doc["totals"]["honest"]
    assert total["points"] < total["max_points"] == sum(r["max_points"] for r in honest)
    with open(out / "grades.csv", newline="") as handle:
        assert any(r["learner"] == "honest" and r["status"] == "missing" for r in __import__("csv").DictReader(handle))


def test_results_json_is_in_gradescopes_format(graded):
    doc = json.loads((graded["out"] / "learners" / "honest" / "results.json").read_text())
    assert set(doc) == {"score", "tests"} and doc["tests"]
    for test in doc["tests"]:
        assert {"name", "score", "max_score", "status", "output"} <= set(test)
        assert test["status"] in ("passed", "failed") and 0 <= test["score"] <= test["max_score"]
    assert doc["score"] == sum(t["score"] for t in doc["tests"]) == graded["doc"]["totals"]["honest"]["points"]


def test_outputs_follow_the_umask(graded):
    for name in ("grades.csv", "report.html"):
        assert (graded["out"] / name).stat().st_mode & 0o777 == 0o666 & ~_umask(), name


def _umask():
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_each_learner_gets_a_feedback_page(graded):
    page = (graded["out"] / "learners" / "honest" / "feedback.html").read_text()
    assert "<script" not in page and "http" not in page.split("</style>", 1)[1]
    assert S01 in page and "relu_backward/kink" in page and "02-linear-layer" in page
    broken = (graded["out"] / "learners" / "link-to-solution" / "feedback.html").read_text()
    assert "link" in broken and "✗" in broken
