"""Time a learner's `make check` the way they run it: a fresh `python -m kit check`.

    .venv/bin/python bench/check.py [--runs 10] [--learner solutions]

Reports the median and spread of wall time, with a fresh `python -c "import numpy"` measured in
the same run as the yardstick. Figures go in the README; no test asserts on time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def show(label: str, times: list[float]) -> None:
    print(f"{label:<44} median {statistics.median(times) * 1000:7.0f} ms   "
          f"min {min(times) * 1000:5.0f}   max {max(times) * 1000:5.0f}   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--learner", default=None, help="folder laid out like sessions/ (default: the stubs)")
    args = parser.parse_args()
    py = sys.executable
    learner = ["--learner", str(ROOT / args.learner)] if args.learner else []
    subprocess.run([py, "-m", "kit", "check", "--json", *learner], cwd=ROOT, stdout=subprocess.DEVNULL)  # warm the cache
    show('python -c "import numpy" (yardstick)', timed([py, "-c", "import numpy"], args.runs))
    for sessions in (["01"], []):
        label = f"kit check {' '.join(sessions) or '(all sessions)'}" + (f" --learner {args.learner}" if args.learner else " (stubs)")
        show(label, timed([py, "-m", "kit", "check", *sessions, *learner, "--json"], args.runs))


if __name__ == "__main__":
    main()
