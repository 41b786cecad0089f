"""`kit check`: grade exercises against the derivations; exit 0 only at full marks."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from kit import options
from kit.options import sandbox_switches
from kit.config import load_limits, repo_root
from kit.errors import KitError
from kit.sessions import all_stubs


def add_arguments(parser) -> None:
    parser.add_argument("sessions", nargs="*", metavar="SESSION", help="01 or 01-relu-backprop; none means all")
    parser.add_argument("--learner", metavar="DIR", help="a folder laid out like sessions/ (default: this checkout's sessions/)")
    options.add_seed_timeout(parser, "seed of the random inputs (default: fixed, from [tool.kit])")
    parser.add_argument("--json", action="store_true", help="print exactly one JSON object on stdout")


def run(args) -> int:
    from kit.sandbox import start

    started = start.take()   # forked already when run as `kit check` (kit/cli.py)
    try:
        root = repo_root()
        limits = load_limits(root).with_overrides(timeout=args.timeout)
        switches = sandbox_switches()
        sessions, learner = _chosen(args, root)
        seed = limits.seed if args.seed is None else args.seed
        # Still before NumPy: the lanes start on the other core, one per half of the sessions (see
        # `checked`), each sent its half's job as soon as it is up (kit/sandbox/presend.py).
        halves = [half for half in halves_of(sessions) if half]
        started.configure(limits, switches, lanes=len(halves))
        from kit.sandbox import presend

        started.presend([presend.job(root, half, seed, learner, limits.timeout) or b"" for half in halves])
        return _run(args, root, limits, switches, started, sessions, learner, seed)
    finally:
        _stop(started)


def _chosen(args, root: Path) -> tuple[list, Path]:
    """The sessions to check and the learner's folder (NumPy-free: this runs before it is loaded)."""
    from kit.sessions import resolve

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
    return sessions, learner


def halves_of(sessions: list) -> list[list]:
    """Two learner processes side by side (two lanes, two cores): every other session each."""
    return [sessions[0::2], sessions[1::2]]


def _stop(started) -> None:
    """The zygote goes with the command, even one that fails before a Grader adopts it."""
    started.stop()
    if started.scratch:
        from kit.sandbox import scratch

        scratch.remove_tree(started.scratch)


def _run(args, root: Path, limits, switches: dict, started, sessions: list, learner: Path, seed: int) -> int:
    from kit import render
    from kit.grader import Grader

    with Grader(root, limits, **switches, started=started) as grader:
        results = checked(grader, sessions, seed, learner)
        note = grader.weaker()
        if note:
            print(note, file=sys.stderr)
    if args.json:
        print(render.as_json(results, {"seed": seed}))
    else:
        render.terminal(results, folder=options.printable(args.learner.rstrip("/")) if args.learner else "sessions")
    full = all(r.status == "pass" for r in results)
    return 0 if full else 1


def checked(grader, sessions: list, seed: int, learner: Path) -> list:
    """Every session's results, in order: the sessions split in two learner processes that run side by
    side (two lanes, two cores), each process running its share of the sessions one after another."""
    halves = halves_of(sessions)
    done: list = [None, None]

    def run(k: int) -> None:
        try:
            done[k] = grader.check_learner(halves[k], seed, learner) if halves[k] else []
        except BaseException as err:  # noqa: BLE001 - raised again in the calling thread
            done[k] = err

    threads = [threading.Thread(target=run, args=(k,)) for k in (0, 1)]
    for thread in threads:
        thread.start()
    # While the learner processes run, this thread builds the plans their checks will need: those of
    # sessions with code in them (a file of stubs is decided without its plan).
    for session in sessions:
        if not all_stubs(learner / session.name / "exercises.py"):
            try:
                grader.plan(session, seed)
            except KitError:
                break   # said again, where the plan is needed
    for thread in threads:
        thread.join()
    for outcome in done:
        if isinstance(outcome, BaseException):
            raise outcome
    by_name = {s.name: r for half, outcome in zip(halves, done) for s, r in zip(half, outcome)}
    return [result for s in sessions for result in by_name[s.name]]
