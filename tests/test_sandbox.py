"""Learner code runs in a child process with a wall clock: whatever it does, grading goes on,
that exercise gets zero with a clear reason, and the other exercises keep their points."""

from __future__ import annotations

import textwrap

import pytest

from conftest import ROOT, session_named

S01 = session_named("01-relu-backprop")
SOLUTION = (ROOT / "solutions" / S01.name / "exercises.py").read_text()


def learner(tmp_path, extra: str, base: str = SOLUTION):
    path = tmp_path / S01.name / "exercises.py"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(base + "\n\n" + textwrap.dedent(extra))
    return path


def statuses(results):
    return {r.exercise: {r.status for r in results if r.exercise == r2} for r2 in {r.exercise for r in results} for r in results if r.exercise == r2}


def by_exercise(results):
    out = {}
    for r in results:
        out.setdefault(r.exercise, []).append(r)
    return out


@pytest.mark.parametrize("body,status,says", [
    pytest.param("while True: pass", "timeout", "did not finish within", id="busy-loop"),
    pytest.param("import time; time.sleep(60)", "timeout", "did not finish within", id="sleep"),
    pytest.param("import sys; sys.exit(3)", "error", "called sys.exit(3)", id="sys-exit"),
    pytest.param("import os; os._exit(0)", "error", "exited with code 0", id="os-exit"),
    pytest.param("import ctypes; ctypes.string_at(0)", "error", "segmentation fault", id="segfault"),
    pytest.param("raise ValueError('boom')", "error", "ValueError: boom", id="raises"),
    pytest.param("x = bytearray(8 * 2**30)", "error", "memory limit exceeded", id="memory-bomb"),
])
def test_hostile_exercise_costs_only_itself(grade, tmp_path, body, status, says):
    path = learner(tmp_path, f"def relu_backward(dout, x):\n    {body}\n    return dout * (x > 0)\n")
    results = by_exercise(grade(S01, path))
    hit = results.pop("relu_backward")
    assert {r.status for r in hit} == {status}, hit[0].message
    assert says in hit[0].message
    # neuron_backward calls relu_backward in the solution; everything else keeps full marks.
    results.pop("neuron_backward")
    assert all(r.status == "pass" for group in results.values() for r in group)


def test_exploratory_cells_are_ignored(grade, tmp_path):
    path = learner(tmp_path, """
        print("exploring" * 1000)
        relu_forward(np.arange(5))
        import time
        time.sleep(30)
        while True:
            pass
        CONSTANT = np.float64(2.0)
        """)
    assert all(r.status == "pass" for r in grade(S01, path))


def test_syntax_error_is_reported_with_its_line(grade, tmp_path):
    path = learner(tmp_path, "def broken(:\n    pass\n")
    results = grade(S01, path)
    assert {r.status for r in results} == {"error"}
    assert "syntax error in exercises.py line" in results[0].message


def test_exit_while_loading_is_contained(grade, tmp_path):
    path = learner(tmp_path, "import os\ndef f(x=os._exit(0)):\n    pass\n")
    results = grade(S01, path)
    assert {r.status for r in results} == {"error"}
    assert "loading exercises.py" in results[0].message


def test_missing_file_is_missing(grade, tmp_path):
    results = grade(S01, tmp_path / "nowhere" / "exercises.py")
    assert {r.status for r in results} == {"missing"}


def test_missing_function_is_missing(grade, tmp_path):
    path = learner(tmp_path, "", base=SOLUTION.replace("def sigmoid_backward", "def sigmoid_backwards"))
    hit = [r for r in grade(S01, path) if r.exercise == "sigmoid_backward"]
    assert {r.status for r in hit} == {"missing"} and "not defined" in hit[0].message


def test_monkeypatching_numpy_cannot_change_a_verdict(grade, tmp_path):
    path = learner(tmp_path, """
        np.allclose = lambda *a, **k: True
        np.array_equal = lambda *a, **k: True
        def relu_backward(dout, x):
            np.testing.assert_allclose = lambda *a, **k: None
            return dout
        """)
    hit = [r for r in grade(S01, path) if r.exercise == "relu_backward"]
    assert any(r.status == "fail" for r in hit)


def test_degrades_without_namespaces_and_landlock(tmp_path):
    """Where the kernel lacks them, grading still contains hangs and crashes, and says so once."""
    import os
    import subprocess
    import sys

    path = learner(tmp_path, "def relu_backward(dout, x):\n    while True:\n        pass\n")
    env = {**os.environ, "KIT_NO_NAMESPACES": "1", "KIT_NO_LANDLOCK": "1"}
    done = subprocess.run([sys.executable, "-m", "kit", "check", "01", "--learner", str(tmp_path), "--timeout", "1", "--json"],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=120)
    import json

    statuses = {r["status"] for r in json.loads(done.stdout)["results"] if r["exercise"] == "relu_backward"}
    assert statuses == {"timeout"}
    notes = [l for l in done.stderr.splitlines() if l.startswith("note:")]
    assert len(notes) == 1 and "namespaces" in notes[0] and "Landlock" in notes[0]


def test_unreadable_file_is_an_error_saying_why(grade, tmp_path):
    path = tmp_path / S01.name / "exercises.py"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"def relu_forward(x):\n    return x  # caf\xe9\n")
    results = grade(S01, path)
    assert {r.status for r in results} == {"error"} and "UTF-8" in results[0].message


def test_a_sessions_own_module_does_not_leak_into_the_next(tmp_path):
    """Two session folders each import their own `helpers.py`: each gets its own, in one learner process."""
    import os
    import struct
    import threading

    from kit import harness, wire

    parts = []
    for i, value in enumerate((1.0, 2.0)):
        folder = tmp_path / f"0{i + 1}-s"
        folder.mkdir()
        (folder / "helpers.py").write_text(f"VALUE = {value}\n")
        source = "import numpy as np\nimport helpers\n\ndef answer():\n    return np.float64(helpers.VALUE)\n"
        (folder / "exercises.py").write_text(source)
        parts.append({"part": i, "path": str(folder / "exercises.py"), "source": source, "helpers": "",
                      "exercises": [{"name": "answer", "calls": [{"func": "answer", "args": []}], "own": 1}]})
    r, w = os.pipe()
    chunks = []
    reader = threading.Thread(target=lambda: chunks.extend(iter(lambda: os.read(r, 1 << 16), b"")))
    reader.start()
    harness.run({"parts": parts}, w)
    os.close(w)
    reader.join()
    data, values = b"".join(chunks), []
    while data:
        (n,) = struct.unpack("<Q", data[:8])
        message, data = wire.loads(data[8:8 + n]), data[8 + n:]
        if message.get("event") == "exercise":
            values.append(float(message["outcomes"][0]["value"]["value"]))
    assert values == [1.0, 2.0]
