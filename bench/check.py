"""Time a learner's `make check` the way they run it: a fresh `python -m kit check`.

    .venv/bin/python bench/check.py [--runs 10] [--learner solutions]

Reports the median and spread of wall time, with a fresh `python -c "import numpy"` measured in
the same rounds as the yardstick (each round runs every command once), and each median as a
multiple of the yardstick's. Figures go in the README; no test asserts on time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Round robin: each round runs every command once, so a slow spell of the machine hits all alike."""
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(runs):
        for label, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times[label].append(time.perf_counter() - start)
    return times


def show(label: str, times: list[float], yardstick: float) -> None:
    median = statistics.median(times)
    print(f"{label:<44} median {median * 1000:5.0f} ms  {median / yardstick:4.2f}×   "
          f"min {min(times) * 1000:4.0f}   max {max(times) * 1000:4.0f}   (n={len(times)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--learner", default=None, help="folder laid out like sessions/ (default: the stubs)")
    args = parser.parse_args()
    py = sys.executable
    learner = ["--learner", str(ROOT / args.learner)] if args.learner else []
    subprocess.run([py, "-m", "kit", "check", *learner], cwd=ROOT, stdout=subprocess.DEVNULL)  # warm the cache
    commands = {'python -c "import numpy" (yardstick)': [py, "-c", "import numpy"]}
    for sessions in (["01"], []):
        label = f"kit check {' '.join(sessions) or '(all sessions)'}" + (f" --learner {args.learner}" if args.learner else " (stubs)")
        commands[label] = [py, "-m", "kit", "check", *sessions, *learner]   # what `make check` runs, table and all
    times = timed(commands, args.runs)
    yardstick = statistics.median(next(iter(times.values())))
    for label, measured in times.items():
        show(label, measured, yardstick)


if __name__ == "__main__":
    main()
