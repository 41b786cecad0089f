"""Inside a Gradescope autograder: grade /autograder/submission, write /autograder/results/results.json.

`kit autograder` (kit/commands/autograder.py) builds the zip whose run_autograder calls this. The
submission is a folder laid out like sessions/ (01-relu-backprop/exercises.py, any subset), or a
single exercises.py when the autograder was built for one session. The seed is random per run, so
hard-coding the inputs `make check` showed does not pay. Sessions not handed in count 0.
"""

from __future__ import annotations

import json
import secrets
import shutil
import sys
import tempfile
from pathlib import Path


def main(base: Path) -> int:
    from kit import report
    from kit.config import load_limits, repo_root
    from kit.grader import Grader
    from kit.sessions import discover

    root = repo_root()
    only = (root / "AUTOGRADER_SESSION").read_text().strip() if (root / "AUTOGRADER_SESSION").exists() else ""
    sessions = [s for s in discover(root) if not only or s.name == only]
    submission = base / "submission"
    staging = Path(tempfile.mkdtemp(prefix="kit-autograde-"))
    try:
        folder = submission
        if only and (submission / "exercises.py").is_file() and not (submission / only).is_dir():
            (staging / only).mkdir()
            shutil.copyfile(submission / "exercises.py", staging / only / "exercises.py")
            folder = staging
        seed = secrets.randbelow(2**31)
        handed = [s for s in sessions if (folder / s.name).is_dir()]
        with Grader(root, load_limits(root)) as grader:
            results = [r for part in grader.check_learner(handed, seed, folder.resolve()) for r in part] if handed else []
            maxima = {s.name: {ex.name: float(sum(c.points for c in ex.checks)) for ex in grader.plan(s, seed)}
                      for s in sessions}
        for r in results:
            r.learner = "submission"  # type: ignore[attr-defined]
        rows = report.missing_rows(report.exercise_table(results), maxima, learners=["submission"])
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    doc = report.gradescope(rows)
    doc["output"] = f"graded with seed {seed}; sessions handed in: {', '.join(s.name for s in handed) or 'none'}"
    out = base / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(doc, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/autograder")))
