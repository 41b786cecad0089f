"""The learner edition: what a learner needs to present, do and check the sessions, nothing that
holds an answer (solutions/, the kit's own tests, mutants and alternatives, benchmarks, CI)."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from kit.errors import KitError

SHIPPED = ["sessions", "kit", "Makefile", "pyproject.toml", ".gitignore", "docs"]
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", ".ipynb_checkpoints", ".kit-cache")
# What the organizer keeps: lines between these markers (at any indentation) in the Makefile and the
# sessions' .py files, and slide cells tagged "course-only" (answer code shown after the exercise).
COURSE_ONLY = re.compile(r"^[ \t]*# >>> course-only.*?^[ \t]*# <<< course-only[^\n]*\n", re.M | re.S)
COURSE_ONLY_TAG = "course-only"

LEARNER_README = """# The math behind machine learning — learner edition

Your copy of the reading group's kit: one folder per weekly session under `sessions/`, each with
slides (`slides.ipynb`), the SymPy derivations (`derivations.py`), your exercises
(`exercises.py`) and the week's reading (`README.md`).

You need Python 3.11+ and `make`; everything else installs itself into `.venv` on first use.

```sh
make check          # grade your exercises (all sessions)
make check S=01     # one session
make present S=01   # the slides, live in Jupyter (RISE)
make slides         # static slides in build/slides/
```

Write each function in `sessions/NN-slug/exercises.py` (open it in an editor, or in Jupyter where
it opens as a notebook), then run `make check S=NN`. Every failing check says which exercise, on
which small input, expected vs got, where it goes wrong and what mistake it looks like, with the
derivation's formula to go back to. `make check` uses a fixed seed, so a failing case comes back
the same until you fix it; your organizer grades with another seed, so make the code right rather
than the examples.

With GitHub Classroom, `.github/classroom/autograding.json` already holds one test per session
(`make check S=NN`, worth that session's points): pushing your work runs them.

Only imports, `def`s and UPPER_CASE constants in `exercises.py` are graded: experiment freely in
other cells. Your code runs in a separate, limited process: an endless loop gives a timeout
message, a crash says what happened.
"""


def release(root: Path, target: Path) -> Path:
    target = target.resolve()
    if target == root or root in target.parents:
        raise KitError(f"{target} is inside the course checkout; pick a folder outside it, e.g. ../learner-edition")
    if target.exists() and not target.is_dir():
        raise KitError(f"{target} is a file; pick a new or empty folder (nothing was written)")
    if target.exists() and any(target.iterdir()):
        raise KitError(f"{target} is not empty; pick a new or empty folder (nothing was written)")
    refuse_solved_stubs(root)
    made = not target.exists()
    try:
        write(root, target)
    except (OSError, KitError) as err:
        if made:    # no half-written edition left behind
            shutil.rmtree(target, ignore_errors=True)
        if isinstance(err, KitError):
            raise
        raise KitError(f"could not write the learner edition to {target} ({err.strerror or err}); "
                       f"pick a folder you can write to") from None
    return target


def write(root: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for item in SHIPPED:
        source = root / item
        if source.is_dir():
            shutil.copytree(source, target / item, ignore=SKIP)
        elif source.exists():
            shutil.copy2(source, target / item)
    strip_course_only(target)
    points = record_checks(root, target)
    (target / "README.md").write_text(LEARNER_README)
    classroom = target / ".github" / "classroom" / "autograding.json"
    classroom.parent.mkdir(parents=True, exist_ok=True)
    classroom.write_text(json.dumps(autograding(points), indent=2) + "\n")


def strip_course_only(target: Path) -> None:
    for path in [target / "Makefile", *sorted((target / "sessions").rglob("*.py"))]:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            if "course-only" in text:
                path.write_text(COURSE_ONLY.sub("", text), encoding="utf-8")
    for deck in sorted((target / "sessions").rglob("*.ipynb")):
        notebook = json.loads(deck.read_text(encoding="utf-8"))
        kept = [c for c in notebook["cells"] if COURSE_ONLY_TAG not in c.get("metadata", {}).get("tags", [])]
        if len(kept) != len(notebook["cells"]):
            notebook["cells"] = kept
            deck.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def record_checks(root: Path, target: Path) -> dict[str, int]:
    """What the learner edition's `make check` needs from the derivations, recorded at its seed
    (kit/recorded.py); each session's points, from the plan just recorded."""
    from kit import recorded
    from kit.config import load_limits
    from kit.sessions import discover

    seed = load_limits(root).seed
    return {session.name: recorded.save(session, root, seed, target) for session in discover(root)}


def autograding(points: dict[str, int]) -> dict:
    """GitHub Classroom's autograding tests: one per session, its points that session's maximum."""
    return {"tests": [{"name": name, "setup": "", "run": f"make check S={name[:2]}", "input": "", "output": "",
                       "comparison": "included", "timeout": 10, "points": most} for name, most in points.items()]}


def refuse_solved_stubs(root: Path) -> None:
    """The learner edition ships the committed stubs: an exercises.py changed in the working tree
    (a session solved while trying it out) would ship answers."""
    import subprocess

    for stub in sorted((root / "sessions").glob("*/exercises.py")):
        relative = stub.relative_to(root).as_posix()
        try:
            done = subprocess.run(["git", "show", f"HEAD:{relative}"], cwd=root, capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            raise KitError("kit release needs git to compare the stubs with the committed ones; install git") from None
        if done.returncode != 0:
            raise KitError(f"{relative} is not committed; commit the stub (or run kit release from the course's git checkout)")
        if done.stdout != stub.read_bytes():
            raise KitError(f"{relative} differs from the committed stub; restore it (git checkout -- {relative}) "
                           f"or commit it, then release again (nothing was written)")
