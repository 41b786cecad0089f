"""Time `kit grade` on a synthetic group: N learners × every session, built from the solutions,
the stubs and the mutants.

    .venv/bin/python bench/grade.py [--learners 100] [--jobs 2]

Reports learners/second, seconds per learner-session and peak memory of `kit grade`, and, in the
same run (before and after it), a fresh `python -c "import numpy"` as the yardstick (one interpreter per
learner-session would cost at least that each). Figures go in the README; no test asserts on time.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kit.sessions import discover  # noqa: E402


def build(folder: Path, learners: int) -> int:
    """Learner i gets, per session: the solution, the stub, or the solution with one mutant overlaid."""
    jobs = 0
    for session in discover(ROOT):
        solution = (ROOT / "solutions" / session.name / "exercises.py").read_text()
        variants = [solution, session.exercises_file.read_text()]
        variants += [solution + "\n\n" + m.read_text() for m in sorted((ROOT / "tests" / "mutants" / session.number).glob("*.py"))]
        for i in range(learners):
            path = folder / f"learner{i:03d}" / session.name / "exercises.py"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(variants[i % len(variants)])
            jobs += 1
    return jobs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    py = sys.executable
    numpy_runs: list[float] = []

    def yardstick(runs: int = 5) -> None:
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([py, "-c", "import numpy"], check=True)
            numpy_runs.append(time.perf_counter() - start)

    yardstick()   # before and after the grading run, so a slow spell of the machine counts for both
    with tempfile.TemporaryDirectory() as tmp:
        subs, out = Path(tmp) / "subs", Path(tmp) / "out"
        jobs = build(subs, args.learners)
        command = [py, "-m", "kit", "grade", str(subs), "--out", str(out), "--seed", "1", "--json"]
        if args.jobs:
            command += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            sys.exit(f"kit grade failed: {done.stderr[-500:]}")
    yardstick()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    sessions = len(discover(ROOT))
    numpy_ms = statistics.median(numpy_runs) * 1000
    print(f"python -c 'import numpy' (yardstick): median {numpy_ms:.0f} ms")
    print(f"kit grade: {args.learners} learners × {sessions} sessions = {jobs} learner-sessions in {wall:.2f} s")
    print(f"  {args.learners / wall:.1f} learners/s, {wall / jobs * 1000:.1f} ms per learner-session, peak RSS {peak:.0f} MiB")
    fresh = jobs * numpy_ms / 1000 / 2
    print(f"  one fresh interpreter per learner-session would need ≥ {fresh:.1f} s on 2 cores just to import NumPy")
    print(f"  ratio: {wall / fresh:.2f}× that (the target is at most 0.2×)")


if __name__ == "__main__":
    main()
