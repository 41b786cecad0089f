"""Group grading survives untrusted learner code.

A correct learner, an untouched one and a crowd of hostile ones are graded together by `kit grade`:
the correct one gets full marks, the untouched one zero, every hostile behaviour is contained and
reported with its reason, the other exercises of the same learner keep their points, files
outside the scratch folder are unchanged, the gradebook is intact and no process is left behind.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import ROOT

S01 = "01-relu-backprop"
SOLUTION = (ROOT / "solutions" / S01 / "exercises.py").read_text()
STUB = (ROOT / "sessions" / S01 / "exercises.py").read_text()
MARK = "kitleftover"   # the comm name hostile children give themselves
TOKEN = "kit-test-secret-0d9f1c2b7e"   # planted in the grader's environment


def hostile(body: str, name: str = "relu_backward", args: str = "dout, x", tail: str = "return dout * (x > 0)") -> str:
    """The solution with one exercise replaced by hostile code."""
    return SOLUTION + "\n\n" + f"def {name}({args}):\n" + textwrap.indent(textwrap.dedent(body), "    ") + f"    {tail}\n"


def learners(victim: Path, gradebook_dir: Path, port: int, unix_path: Path = Path("/x")) -> dict[str, tuple[str, str, str]]:
    """learner → (source, the exercise hit, the status and words its message must show)."""
    leftover = f"""
        import ctypes, os, time
        pid = os.fork()
        if pid == 0:
            os.setsid()
            ctypes.CDLL(None).prctl(15, b"{MARK}", 0, 0, 0)
            while True:
                time.sleep(1)
        """
    deep = """
        import sys
        sys.setrecursionlimit(10**7)
        def nest(n):
            return list(map(nest, [n + 1]))   # each level goes through C: the C stack overflows
        nest(0)
        """
    return {
        "busy-loop-ignores-signals": (hostile("""
            import signal
            for s in (signal.SIGTERM, signal.SIGINT, signal.SIGALRM, signal.SIGXCPU):
                signal.signal(s, signal.SIG_IGN)
            while True:
                pass
            """), "relu_backward", "timeout:did not finish within"),
        "sleeps": (hostile("import time\ntime.sleep(600)\n"), "relu_backward", "timeout:did not finish within"),
        # seccomp refuses a second process, whatever the uid: fork raises PermissionError
        "setsid-child": (hostile(leftover + "time.sleep(600)\n"), "relu_backward", "error:PermissionError"),
        "setsid-child-returns": (hostile(leftover), "relu_backward", "error:PermissionError"),
        "sys-exit-at-import": (SOLUTION + "\nimport sys\nSETTINGS = sys.exit(1)\n", "*", "error:loading exercises.py failed: called sys.exit(1)"),
        "os-exit-in-call": (hostile("import os\nos._exit(0)\n"), "relu_backward", "error:exited with code 0"),
        "segfault": (hostile("import ctypes\nctypes.string_at(0)\n"), "relu_backward", "error:segmentation fault"),
        "c-stack-overflow": (hostile(deep), "relu_backward", "error:"),
        "memory-bomb": (hostile("blocks = []\nwhile True:\n    blocks.append(np.empty(2**25))\n"), "relu_backward", "error:memory limit exceeded"),
        "prints-megabytes": (hostile("print('x' * 10_000_000)\n"), "relu_backward", "pass:"),
        "syntax-error": (SOLUTION + "\ndef broken(:\n", "*", "error:syntax error in exercises.py line"),
        "import-error": (SOLUTION + "\nimport a_module_that_does_not_exist\n", "*", "error:ModuleNotFoundError"),
        "missing-function": (SOLUTION.replace("def sigmoid_backward", "def sigmoid_backwrd"), "sigmoid_backward", "missing:not defined"),
        "returns-list": (hostile("", tail="return list(np.ravel(dout * (x > 0)))"), "relu_backward", "fail:returned a list"),
        "returns-none": (hostile("", tail="return None"), "relu_backward", "fail:returned None"),
        "returns-nan": (hostile("", tail="return dout * np.nan"), "relu_backward", "fail:returned nan"),
        "modifies-input": (hostile("dout[x < 0] = 0\n", tail="return dout"), "relu_backward", "fail:modified its argument `dout` in place"),
        "monkeypatches-numpy": (SOLUTION + "\nnp.allclose = lambda *a, **k: True\nnp.array_equal = lambda *a, **k: True\n"
                                + "def relu_backward(dout, x):\n    return dout\n", "relu_backward", "fail:"),
        "reads-solutions": (hostile(f"open({str(ROOT / 'solutions' / S01 / 'exercises.py')!r}).read()\n"),
                            "relu_backward", "error:Permission"),
        "reads-hidden-tests": (hostile(f"open({str(ROOT / 'sessions' / S01 / 'checks.py')!r}).read()\n"),
                               "relu_backward", "error:Permission"),
        "reads-other-learner": (hostile(f"open({str(victim)!r}).read()\n"), "relu_backward", "error:Permission"),
        "writes-elsewhere": (hostile(f"""
            for target in ({str(victim)!r}, {str(gradebook_dir / 'gradebook.sqlite')!r}, {str(gradebook_dir / 'grades.csv')!r}):
                try:
                    open(target, "a").write("tampered")
                except OSError:
                    pass
            """), "relu_backward", "pass:"),
        "connects-out": (hostile(f"""
            import socket
            try:
                socket.create_connection(("127.0.0.1", {port}), timeout=1).sendall(b"leak")
            except OSError:
                pass
            """), "relu_backward", "pass:"),
        # a pathname UNIX socket on the host (think /var/run/docker.sock): Landlock does not cover it
        "connects-unix-socket": (hostile(f"""
            import socket
            try:
                s = socket.socket(socket.AF_UNIX)
                s.connect({str(unix_path)!r})
                s.sendall(b"leak")
            except OSError:
                pass
            """), "relu_backward", "pass:"),
        # memory RLIMIT_AS does not count: a memfd, System V and POSIX shared memory
        "memfd-hoard": (hostile("""
            import os
            held = 0
            try:
                fd = os.memfd_create("hoard")
                for _ in range(1536):
                    os.write(fd, bytes(2**20))
                    held += 1
            except OSError:
                pass
            if held > 1024:
                raise RuntimeError(f"held {held} MiB in a memfd beyond the limit")
            """), "relu_backward", "pass:"),
        "sysv-shm-hoard": (hostile("""
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            segment = libc.shmget(0x4B1700, ctypes.c_size_t(1536 * 2**20), 0o1000 | 0o600)
            if segment >= 0:
                raise RuntimeError("made a 1.5 GiB System V segment beyond the limit")
            """), "relu_backward", "pass:"),
        "posix-shm-hoard": (hostile("""
            try:
                with open("/dev/shm/kit-hoard", "wb") as f:
                    f.truncate(1536 * 2**20)
                    raise RuntimeError("made 1.5 GiB of POSIX shared memory")
            except OSError:
                pass
            """), "relu_backward", "pass:"),
        # RLIMIT_NPROC is ignored for root: count how many processes learner code can start
        "fork-bomb": (hostile("""
            import os
            started = 0
            for _ in range(200):
                try:
                    if os.fork() == 0:
                        import time
                        time.sleep(30)
                        os._exit(0)
                    started += 1
                except OSError:
                    break
            if started:
                raise RuntimeError(f"started {started} processes")
            """), "relu_backward", "pass:"),
        # scratch space is size-capped and removed (checked by test_nothing_left_in_tmpdir)
        "fills-scratch": (hostile("""
            written = 0
            try:
                for i in range(40):
                    with open(f"junk{i}", "wb") as f:
                        for _ in range(8):
                            f.write(bytes(2**20))
                            written += 1
            except OSError:
                pass
            if written > 128:
                raise RuntimeError(f"wrote {written} MiB of scratch")
            """), "relu_backward", "pass:"),
        # the organizer's environment (tokens) never reaches learner code
        "reads-environment": (hostile(f"""
            import os
            seen = [v for v in os.environ.values() if {TOKEN[:8]!r} in v]
            if seen:
                raise RuntimeError("found " + seen[0])
            """), "relu_backward", "pass:"),
        # a file saved with a UTF-8 byte-order mark runs under Python: it must grade too
        "utf8-bom": ("\ufeff" + SOLUTION, "", "pass:"),
        # a broken forward costs the forward, not the backward checked against it
        "forward-loops": (SOLUTION + "\n\ndef relu_forward(x):\n    while True:\n        pass\n", "relu_forward",
                          "timeout:did not finish within"),
        "forward-exits": (SOLUTION + "\n\ndef relu_forward(x):\n    import os\n    os._exit(3)\n", "relu_forward",
                          "error:exited with code 3"),
        "forward-crashes": (SOLUTION + "\n\ndef relu_forward(x):\n    import ctypes\n    ctypes.string_at(0)\n",
                            "relu_forward", "error:segmentation fault"),
        # huge answers and texts: the gradebook stays small
        "returns-huge": (hostile("", tail="return np.zeros((3000, 3000))"), "relu_backward", "fail:"),
        "warns-megabytes": (hostile("import warnings\nwarnings.warn('w' * 10_000_000)\n"), "relu_backward", "pass:"),
        "raises-megabytes": (hostile("raise ValueError('v' * 10_000_000)\n"), "relu_backward", "error:ValueError"),
    }


def processes_named(name: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == name:
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def kit_grade(subs: Path, out: Path, *extra, timeout: float = 300, env: dict | None = None):
    return subprocess.run([sys.executable, "-m", "kit", "grade", str(subs), "--out", str(out), "--seed", "5",
                           "--timeout", "3", "--json", *extra], cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, **(env or {})})


# Runs `kit` and writes the grader's own peak memory (KiB; not its children's) to $KIT_TEST_PEAK.
PEAK = """
import os, resource, sys
from kit.cli import main
sys.argv = sys.argv[1:]
try:
    code = main(sys.argv[1:])
finally:
    with open(os.environ["KIT_TEST_PEAK"], "w") as f:
        f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
sys.exit(code)
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("group")
    subs, out = base / "submissions", base / "grades"
    out.mkdir()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    listener.setblocking(False)
    port = listener.getsockname()[1]
    unix_path = base / "host.sock"
    unix = socket.socket(socket.AF_UNIX)
    unix.bind(str(unix_path))
    unix.listen(8)
    unix.setblocking(False)
    victim = subs / "correct" / S01 / "exercises.py"
    crowd = {"correct": (SOLUTION, "", "pass:"), "untouched": (STUB, "*", "not_implemented:NotImplementedError")}
    crowd.update(learners(victim, out, port, unix_path))
    for learner, (source, _, _) in crowd.items():
        path = subs / learner / S01 / "exercises.py"
        path.parent.mkdir(parents=True)
        path.write_text(source, encoding="utf-8")
    (out / "grades.csv").write_text("sentinel\n")
    before = digest(subs)
    tmpdir, peak = base / "tmp", base / "peak"
    tmpdir.mkdir()
    done = subprocess.run([sys.executable, "-c", PEAK, "kit", "grade", str(subs), "--out", str(out), "--seed", "5",
                           "--timeout", "3", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "TMPDIR": str(tmpdir), "KIT_TEST_PEAK": str(peak), "KIT_TOKEN": TOKEN})
    leaked = []
    for server in (listener, unix):
        try:
            leaked.append(server.accept())
        except BlockingIOError:
            pass
        server.close()
    return {"done": done, "crowd": crowd, "subs": subs, "out": out, "before": before, "leaked": leaked,
            "tmpdir": tmpdir, "peak_kb": int(peak.read_text() or 0) if peak.exists() else None}


def test_grading_finishes_and_reports(graded):
    done = graded["done"]
    assert done.returncode == 0, done.stderr[-2000:]
    doc = json.loads(done.stdout)
    assert set(doc["learners"]) == set(graded["crowd"])


def rows_of(graded) -> dict[tuple[str, str], dict]:
    with open(graded["out"] / "grades.csv", newline="") as handle:
        return {(r["learner"], r["exercise"]): r for r in csv.DictReader(handle) if r["session"] == S01}


def test_correct_full_marks_untouched_zero(graded):
    rows = rows_of(graded)
    correct = [r for (l, _), r in rows.items() if l == "correct"]
    untouched = [r for (l, _), r in rows.items() if l == "untouched"]
    assert correct and all(r["points"] == r["max_points"] for r in correct)
    assert untouched and all(float(r["points"]) == 0 and r["status"] == "not_implemented" for r in untouched)


def hostile_ids():
    return [pytest.param(name, id=name) for name in learners(Path("/x"), Path("/y"), 1)]


@pytest.mark.parametrize("learner", hostile_ids())
def test_hostile_behaviour_is_contained_and_named(graded, learner):
    rows = rows_of(graded)
    _, exercise, expect = graded["crowd"][learner]
    status, words = expect.split(":", 1)
    mine = {ex: r for (l, ex), r in rows.items() if l == learner}
    hit = list(mine.values()) if exercise in ("*", "") else [mine[exercise]]
    for row in hit:
        assert row["status"] == status, f"{learner}/{row['exercise']}: {row['status']}: {row['message']}"
        assert words in row["message"], row["message"]
    if exercise not in ("*", ""):
        # the solution's neuron_* call relu_*; every other exercise keeps its points, relu_backward
        # included when relu_forward is the broken one (its check against the forward is only a note)
        spared = [r for ex, r in mine.items() if ex not in (exercise, "neuron_backward", "neuron_forward")]
        assert spared and all(r["status"] == "pass" for r in spared), [(r["exercise"], r["message"]) for r in spared if r["status"] != "pass"]


def test_files_outside_scratch_are_unchanged(graded):
    assert digest(graded["subs"]) == graded["before"]
    assert "tampered" not in (graded["out"] / "grades.csv").read_text()


def test_no_network_connection_was_made(graded):
    assert graded["leaked"] == []


def test_nothing_left_in_tmpdir(graded):
    assert list(graded["tmpdir"].iterdir()) == []


def test_secret_in_the_environment_reaches_no_output(graded):
    for path in graded["out"].rglob("*"):
        if path.is_file():
            assert TOKEN.encode() not in path.read_bytes(), path.name
    assert TOKEN not in graded["done"].stdout


def test_grader_memory_and_gradebook_stay_small(graded):
    assert graded["peak_kb"] is not None and graded["peak_kb"] < 500 * 1024, graded["peak_kb"]
    assert (graded["out"] / "gradebook.sqlite").stat().st_size < 32 * 2**20
    assert (graded["out"] / "grades.csv").stat().st_size < 2 * 2**20


def test_broken_forward_spares_its_backward(graded):
    rows = rows_of(graded)
    for learner in ("forward-loops", "forward-exits", "forward-crashes"):
        backward = rows[(learner, "relu_backward")]
        assert backward["status"] == "pass" and backward["points"] == backward["max_points"], backward


def test_gradebook_is_intact_and_complete(graded):
    db = sqlite3.connect(graded["out"] / "gradebook.sqlite")
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    learners_graded = {row[0] for row in db.execute("SELECT learner FROM graded")}
    assert learners_graded == set(graded["crowd"])
    kills = {row[0] for row in db.execute("SELECT DISTINCT kill_reason FROM results WHERE kill_reason != ''")}
    assert "wall-clock" in kills and "crash" in kills


def test_no_process_is_left_behind(graded):
    deadline = time.monotonic() + 5
    while processes_named(MARK) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_named(MARK) == []


def test_sigkill_then_resume_loses_and_duplicates_nothing(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    for i in range(12):
        path = subs / f"learner{i:02d}" / S01 / "exercises.py"
        path.parent.mkdir(parents=True)
        # every third learner sleeps through one exercise, so the run takes a while
        path.write_text(hostile("import time\ntime.sleep(30)\n") if i % 3 == 0 else SOLUTION)
    proc = subprocess.Popen([sys.executable, "-m", "kit", "grade", str(subs), "--out", str(out), "--seed", "9",
                             "--timeout", "1", "--jobs", "1"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    db_path = out / "gradebook.sqlite"
    deadline = time.monotonic() + 120
    graded_before = 0
    while time.monotonic() < deadline:
        time.sleep(0.2)
        if db_path.exists():
            try:
                graded_before = sqlite3.connect(db_path).execute("SELECT COUNT(*) FROM graded").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if graded_before >= 3:
                break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    db = sqlite3.connect(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    graded_before = db.execute("SELECT COUNT(*) FROM graded").fetchone()[0]
    assert 3 <= graded_before < 12, "the kill should land half-way"
    kept = db.execute("SELECT learner, check_id, status, points FROM results ORDER BY learner, check_id").fetchall()
    db.close()
    shutil.rmtree(out / "learners", ignore_errors=True)   # written as each learner finished: the resumed run writes all

    done = subprocess.run([sys.executable, "-m", "kit", "grade", str(subs), "--out", str(out), "--resume", "--timeout", "1",
                           "--json"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["seed"] == 9, "a resumed run keeps its seed"
    db = sqlite3.connect(db_path)
    assert db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM graded").fetchone()[0] == 12
    per_learner = db.execute("SELECT learner, COUNT(*) FROM results GROUP BY learner").fetchall()
    assert len({n for _, n in per_learner}) == 1 and len(per_learner) == 12, "no learner missing or duplicated"
    after = {(l, c): (s, p) for l, c, s, p in db.execute("SELECT learner, check_id, status, points FROM results")}
    assert all(after[(l, c)] == (s, p) for l, c, s, p in kept), "nothing recorded before the kill changed or vanished"
    with open(out / "grades.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    learners = sorted(p.name for p in (out / "learners").iterdir())
    assert learners == [f"learner{i:02d}" for i in range(12)], "every learner's feedback, those graded before the kill too"
    for who in learners:
        score = json.loads((out / "learners" / who / "results.json").read_text())["score"]
        assert score == sum(float(r["points"]) for r in rows if r["learner"] == who)


def test_regrading_shows_changed_scores(tmp_path):
    subs, out = tmp_path / "subs", tmp_path / "out"
    path = subs / "ann" / S01 / "exercises.py"
    path.parent.mkdir(parents=True)
    path.write_text(STUB)
    assert kit_grade(subs, out).returncode == 0
    path.write_text(SOLUTION)
    done = kit_grade(subs, out)
    changed = json.loads(done.stdout)["changed"]
    assert changed == [{"learner": "ann", "session": S01, "before": 0.0, "now": changed[0]["now"], "previous_run": 1}]
    assert changed[0]["now"] > 0
    assert "changed since the previous run" in (out / "report.html").read_text()


def test_archives_are_unpacked_safely(tmp_path):
    import tarfile
    import zipfile

    subs, out = tmp_path / "subs", tmp_path / "out"
    subs.mkdir()
    with zipfile.ZipFile(subs / "zoe.zip", "w") as zf:
        zf.writestr(f"zoe/{S01}/exercises.py", SOLUTION)
    with tarfile.open(subs / "tom.tar.gz", "w:gz") as tf:
        source = tmp_path / "tom.py"
        source.write_text(SOLUTION)
        tf.add(source, f"{S01}/exercises.py")
    with zipfile.ZipFile(subs / "mallory.zip", "w") as zf:
        zf.writestr(f"../../escaped/{S01}/exercises.py", SOLUTION)
    with tarfile.open(subs / "linky.tar.gz", "w:gz") as tf:
        link = tarfile.TarInfo(f"{S01}/exercises.py")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
    (subs / "broken.zip").write_bytes(b"not a zip at all")
    done = kit_grade(subs, out)
    assert done.returncode == 2   # graded what it could, and says what it could not
    doc = json.loads(done.stdout)
    assert set(doc["learners"]) == {"zoe", "tom"}
    assert all(r["status"] == "pass" for r in doc["rows"] if r["session"] == S01)
    problems = " ".join(doc["problems"])
    assert "mallory" in problems and "outside" in problems
    assert "linky" in problems and "link" in problems
    assert "broken" in problems and "send it again" in problems
    assert not (tmp_path / "escaped").exists()
    lines = [l for l in done.stderr.splitlines() if l.strip()]
    assert len(lines) == 3 and all(l.startswith("error: ") for l in lines)
