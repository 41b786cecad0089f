"""`kit check`: grade exercises against the derivations; exit 0 only at full marks."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kit import options
from kit.options import sandbox_switches
from kit.config import load_limits, repo_root
from kit.errors import KitError


def add_arguments(parser) -> None:
    parser.add_argument("sessions", nargs="*", metavar="SESSION", help="01 or 01-relu-backprop; none means all")
    parser.add_argument("--learner", metavar="DIR", help="a folder laid out like sessions/ (default: this checkout's sessions/)")
    options.add_seed_timeout(parser, "seed of the random inputs (default: fixed, from [tool.kit])")
    parser.add_argument("--json", action="store_true", help="print exactly one JSON object on stdout")


def run(args) -> int:
    from kit import render
    from kit.grader import Grader
    from kit.sessions import resolve

    root = repo_root()
    limits = load_limits(root).with_overrides(timeout=args.timeout)
    sessions = resolve(args.sessions, root)
    learner = Path(args.learner).resolve() if args.learner else root / "sessions"
    if args.learner:
        if not learner.is_dir():
            what = "is a file, not a folder" if learner.exists() else "does not exist"
            raise KitError(f"learner folder {options.printable(args.learner)} {what}; pass a folder laid out like sessions/ (DIR/01-relu-backprop/exercises.py)")
        if not args.sessions:
            sessions = [s for s in sessions if (learner / s.name).is_dir()]
            if not sessions:
                raise KitError(f"{options.printable(args.learner)} holds no session folders (e.g. {options.printable(args.learner)}/01-relu-backprop/exercises.py)")
    seed = limits.seed if args.seed is None else args.seed
    results = []
    with Grader(root, limits, **sandbox_switches()) as grader:
        note = grader.weaker()
        if note:
            print(note, file=sys.stderr)
        # Plan the next session while the learner's code runs for this one (two lanes, two cores).
        with ThreadPoolExecutor(max_workers=2) as pool:
            pending = []
            for session in sessions:
                grader.plan(session, seed)
                pending.append(pool.submit(grader.check, session, seed, learner / session.name / "exercises.py", learner))
            for future in pending:
                results += future.result()
    if args.json:
        print(render.as_json(results, {"seed": seed}))
    else:
        render.terminal(results, folder=options.printable(args.learner.rstrip("/")) if args.learner else "sessions")
    full = all(r.status == "pass" for r in results)
    return 0 if full else 1
