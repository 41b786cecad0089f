"""The report channel and the lanes: what one learner's code writes or leaves behind never
speaks for the lane, never shifts another learner's grades and never reaches the next learner.

All learners here go through one lane in name order (--jobs 1), so an attack made by one learner
would land on the ones after it."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import textwrap
import time

import pytest

from conftest import ROOT

S01 = "01-relu-backprop"
SOLUTION = (ROOT / "solutions" / S01 / "exercises.py").read_text()
STUB = (ROOT / "sessions" / S01 / "exercises.py").read_text()
VICTIM_MARK = "ALICE-SECRET-" + "8c1f4e"

FORGE = '''
import os
from kit import wire

def _forge(frames):
    for fd in range(3, 64):
        for frame in frames:
            try:
                os.write(fd, frame)
            except OSError:
                pass
    return len(frames)

DONE = {"event": "done", "signal": None, "exit": 0, "cpu": 0.0, "peak_kb": 0, "output": "",
        "output_bytes": 0, "cpu_limit_hit": False}
'''


def at_load(frames: str) -> str:
    """The solution, plus code that forges frames while the file loads."""
    return SOLUTION + FORGE + f"FORGED = _forge({frames})\n"


def in_exercise(body: str) -> str:
    return SOLUTION + FORGE + "\n\ndef relu_backward(dout, x):\n" + textwrap.indent(textwrap.dedent(body), "    ") + \
        "    return dout * (x > 0)\n"


SCAN = f'''

def relu_forward(x):
    import ctypes, os
    libc = ctypes.CDLL(None)
    libc.sbrk.restype = ctypes.c_void_p
    libc.write.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_size_t]
    head, tail = {VICTIM_MARK[:13].encode()!r}, {VICTIM_MARK[13:].encode()!r}
    r, w = os.pipe()
    found, top = 0, libc.sbrk(0)
    addr = top - 65536
    while addr > top - 512 * 2**20:
        if libc.write(w, addr, 65536) != 65536:
            break   # below the heap: EFAULT, not a crash
        chunk = os.read(r, 65536)
        i = chunk.find(head)
        while i >= 0:
            found += chunk[i + len(head): i + len(head) + len(tail)] == tail
            i = chunk.find(head, i + 1)
        addr -= 65536
    if found:
        raise RuntimeError(f"found the previous learner's source {{found}} times")
    return np.maximum(x, 0)
'''

SHM_LEAVE = '''

def relu_forward(x):
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    libc.shmat.restype = ctypes.c_void_p
    seg = libc.shmget(0x4B1701, ctypes.c_size_t(2**20), 0o1000 | 0o666)
    if seg >= 0:
        addr = libc.shmat(seg, None, 0)
        if addr not in (None, ctypes.c_void_p(-1).value):
            ctypes.memmove(addr, b"left-behind", 11)
    return np.maximum(x, 0)
'''

SHM_FIND = '''

def relu_forward(x):
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.shmget(0x4B1701, ctypes.c_size_t(0), 0) >= 0:
        raise RuntimeError("found the segment another learner left")
    return np.maximum(x, 0)
'''

# learner → (source, exercise hit or "*" for all, expected "status:words")
CROWD = {
    "a1-forges-done-at-load": (at_load("[wire.frame(wire.dumps(DONE)), wire.frame(b'S' + wire.dumps(DONE))]"),
                               "*", "error:report it cannot use"),
    "a2-correct": (SOLUTION, "", "pass:"),
    "a3-stub": (STUB, "*", "not_implemented:NotImplementedError"),
    "b1-forges-loaded-forever": (in_exercise("""
        import time
        while True:
            _forge([wire.frame(wire.dumps({"event": "loaded", "part": 0}))])
            time.sleep(0.5)
        """), "relu_backward", "error:report it cannot use"),
    "b2-correct": (SOLUTION, "", "pass:"),
    "c1-not-an-object": (in_exercise("_forge([wire.frame(b'\\\\x00' * 40)])\n"), "relu_backward", "error:report it cannot use"),
    "c2-outcomes-not-dicts": (in_exercise("""
        _forge([wire.frame(wire.dumps({"event": "exercise", "part": 0, "name": "relu_backward", "phase": "own",
                                       "outcomes": [1, 2, 3]}))])
        """), "relu_backward", "error:report it cannot use"),
    "c3-65-dimensions": (in_exercise("""
        import json, struct
        head = json.dumps({"event": "exercise", "part": 0, "name": "relu_backward", "phase": "own",
                           "outcomes": [{"$nd": 0, "dtype": "<f8", "shape": [1] * 65}]}).encode()
        body = struct.pack("<Q", len(head)) + head + struct.pack("<Q", 1) + struct.pack("<Q", 8) + bytes(8)
        _forge([wire.frame(body)])
        """), "relu_backward", "error:report it cannot use"),
    "c4-eight-megabyte-frame": (in_exercise("_forge([wire.frame(b'x' * 8 * 2**20)])\n"), "relu_backward",
                                "error:report it cannot use"),
    "c5-oversize-header": (in_exercise("""
        import struct
        _forge([struct.pack("<Q", 2**40) + b"y" * 4096])
        """), "relu_backward", "error:larger than 16 MiB"),
    "c6-correct": (SOLUTION, "", "pass:"),
    "d1-victim": (SOLUTION + f"\n# {VICTIM_MARK}\n", "", "pass:"),
    "d2-scans-inherited-memory": (SOLUTION + SCAN, "", "pass:"),
    "e1-leaves-shm": (SOLUTION + SHM_LEAVE, "", "pass:"),
    "e2-finds-shm": (SOLUTION + SHM_FIND, "", "pass:"),
}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    base = tmp_path_factory.mktemp("channel")
    subs, out = base / "subs", base / "out"
    for learner, (source, _, _) in CROWD.items():
        path = subs / learner / S01 / "exercises.py"
        path.parent.mkdir(parents=True)
        path.write_text(source)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "kit", "grade", str(subs), "--out", str(out), "--seed", "4",
                           "--timeout", "3", "--jobs", "1", "--json"], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    with open(out / "grades.csv", newline="") as handle:
        rows = {(r["learner"], r["exercise"]): r for r in csv.DictReader(handle) if r["session"] == S01}
    return {"done": done, "rows": rows, "seconds": time.monotonic() - started, "out": out}


def test_run_finishes_without_a_traceback(graded):
    done = graded["done"]
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert set(json.loads(done.stdout)["learners"]) == set(CROWD)


def test_forged_frames_do_not_stretch_the_clock(graded):
    # 16 learners; with the clock reset by forged "loaded" frames, b1 alone would never end
    assert graded["seconds"] < 120


@pytest.mark.parametrize("learner", list(CROWD))
def test_each_learner_gets_exactly_their_own_grade(graded, learner):
    _, exercise, expect = CROWD[learner]
    status, words = expect.split(":", 1)
    mine = {ex: r for (l, ex), r in graded["rows"].items() if l == learner}
    hit = list(mine.values()) if exercise in ("*", "") else [mine[exercise]]
    for row in hit:
        assert row["status"] == status, f"{learner}/{row['exercise']}: {row['status']}: {row['message']}"
        assert words in row["message"], row["message"]
    if exercise not in ("*", ""):
        spared = [r for ex, r in mine.items() if ex not in (exercise, "neuron_backward")]
        assert all(r["status"] == "pass" for r in spared), [(r["exercise"], r["message"]) for r in spared if r["status"] != "pass"]


def test_gradebook_stays_small(graded):
    assert (graded["out"] / "gradebook.sqlite").stat().st_size < 32 * 2**20
