"""`kit grade SUBMISSIONS`: grade a whole group into a gradebook, a CSV and a report."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from kit import options
from kit.errors import KitError

GRADING_CODE = ("judges.py", "compare.py", "feedback.py", "probes.py", "grading.py", "harness.py", "declare.py",
                "spec.py", "kinds/*.py")


def add_arguments(parser) -> None:
    parser.add_argument("submissions", metavar="SUBMISSIONS",
                        help="a folder with one folder (or .zip / .tar.gz) per learner, each laid out like sessions/")
    parser.add_argument("--out", metavar="DIR", default="grades", help="where gradebook.sqlite, grades.csv, report.html go")
    parser.add_argument("--jobs", type=options.jobs, help="parallel workers (default: the number of cores)")
    options.add_seed_timeout(parser, "seed of the inputs (default: random, recorded in the run)")
    parser.add_argument("--resume", action="store_true", help="continue the last interrupted run, skipping graded learners")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout")


def tests_hash(root: Path) -> str:
    digest = hashlib.sha256()
    from kit import grading
    from kit.sessions import discover

    for session in discover(root):
        path = grading.spec_path(session, root)
        if path.exists():
            digest.update(session.name.encode() + path.read_bytes())
    kit = Path(__file__).resolve().parent.parent
    for pattern in GRADING_CODE:
        for path in sorted(kit.glob(pattern)):
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def run(args) -> int:
    from kit.config import load_limits, repo_root
    from kit.grader import Grader

    root = repo_root()
    limits = load_limits(root).with_overrides(timeout=args.timeout)
    submissions = Path(args.submissions).resolve()
    out = Path(args.out).resolve()
    if out == submissions or submissions in out.parents:
        raise KitError("--out must not be inside the submissions folder; pick another folder, e.g. --out grades")
    if not submissions.is_dir():
        raise KitError(f"submissions folder {options.printable(args.submissions)} does not exist; pass a folder with one folder "
                       f"(or .zip / .tar.gz) per learner, e.g. {options.printable(args.submissions)}/alice/01-relu-backprop/exercises.py")
    if out.exists() and not out.is_dir():
        raise KitError(f"--out {options.printable(args.out)} is a file; name a folder (it is created if missing)")
    jobs = args.jobs or os.cpu_count() or 1
    staging = Path(tempfile.mkdtemp(prefix="kit-submissions-"))
    grader = Grader(root, limits, **options.sandbox_switches())   # forked before any expected value exists
    try:
        return _grade(args, root, submissions, out, staging, jobs, grader)
    finally:
        grader.close()
        shutil.rmtree(staging, ignore_errors=True)


def _grade(args, root, submissions, out, staging, jobs, grader) -> int:
    from kit import derive, report   # here, not at the top: `kit --help` stays light
    from kit.gradebook import Gradebook
    from kit.sessions import discover
    from kit.submissions import collect

    sessions = discover(root)
    subs = collect(submissions, staging, [s.name for s in sessions])
    if not subs:
        raise KitError(f"{options.printable(args.submissions)} holds no learner folders or archives; put one folder (or .zip / .tar.gz) "
                       f"per learner in it, e.g. {options.printable(args.submissions)}/alice/01-relu-backprop/exercises.py")
    problems = [f"{s.learner}: {s.problem}" for s in subs if s.problem]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise KitError(f"cannot create --out {options.printable(args.out)} ({err.strerror}); name a folder you can write")
    book = Gradebook(out / "gradebook.sqlite")
    thash = tests_hash(root)
    done: set = set()
    note = grader.weaker()
    if note:
        print(note, file=sys.stderr)

    def plan_all(seed):  # before a run is recorded: a broken derivation leaves no half-started run
        plans, dhash = {}, {}
        for session in sessions:
            plans[session.name] = grader.plan(session, seed)
            dhash[session.name] = derive.cache_key(session)
        return plans, dhash

    if args.resume:
        row = book.unfinished_run(str(submissions))
        if row is None:
            raise KitError(f"no interrupted run of {args.submissions} in {out / 'gradebook.sqlite'} to resume; run without --resume")
        run_id, seed, old_hash = row
        if old_hash != thash:
            raise KitError("the hidden tests changed since the interrupted run; start a new run (without --resume)")
        done = book.graded_pairs(run_id)
        plans, dhash = plan_all(seed)
    else:
        seed = args.seed if args.seed is not None else secrets.randbelow(2**31)
        plans, dhash = plan_all(seed)
        run_id = book.start_run(seed, jobs, str(submissions), thash)

    maxima = {s.name: {ex.name: float(sum(c.points for c in ex.checks)) for ex in plans[s.name]} for s in sessions}
    for session in sessions:
        book.record_session(session.name, session.title, maxima[session.name])
    # One unit of work per learner: all their sessions in one learner process.
    work, root_of = [], {}
    for sub in subs:
        if sub.folder:
            root_of[sub.learner] = sub.folder.resolve()
            mine = [session for session in sessions
                    if (sub.folder / session.name).is_dir() and (sub.learner, session.name) not in done]
            if mine:
                work.append((sub.learner, mine))

    progress = Progress(sum(len(mine) for _, mine in work))
    titles = {s.name: s.title for s in sessions}
    rows_of: dict[str, list] = {}

    def finish(learner) -> list[dict]:
        """A learner's rows (out of the whole course) and their feedback files, from the gradebook."""
        results = book.results(run_id, learner)
        rows = report.missing_rows(report.exercise_table(results), maxima)
        report.write_learner_files(rows, out, results, titles)
        return rows

    def grade_one(learner, mine):
        for session, results in zip(mine, grader.check_learner(mine, seed, root_of[learner])):
            book.record(run_id, learner, session.name, results, thash, dhash[session.name])
            unreadable = next((r for r in results if r.kill_reason == "unreadable-file"), None)
            if unreadable:   # graded as 0, and said once on stderr: the organizer should know
                problems.append(f"{learner}: {session.name}: {unreadable.message}")
            progress.advance()
        rows_of[learner] = finish(learner)   # here, while other learners' code runs on the other cores

    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = [pool.submit(grade_one, *item) for item in work]
            for future in as_completed(futures):
                future.result()
    except KeyboardInterrupt:
        progress.close()
        book.finish_run(run_id, "interrupted")
        print(f"interrupted: run {run_id} keeps what was graded; continue with --resume", file=sys.stderr)
        os._exit(130)  # worker threads may be mid-call; everything recorded is committed
    progress.close()
    book.finish_run(run_id)

    # learners graded by an interrupted run (--resume) are finished now
    rows = [row for learner in book.learners(run_id) for row in (rows_of.get(learner) or finish(learner))]
    changes = book.changes_since_previous(run_id)
    report.write_csv(rows, out / "grades.csv")
    report.write_html(rows, out / "report.html", run=run_id, seed=seed, titles=titles, changes=changes, problems=problems)
    integrity = book.integrity()
    book.close()
    if args.json:
        totals, grouped = report.totals_by_learner(rows), report.rows_by_learner(rows)
        # compact: the C encoder (indent= falls back to Python's, seconds for a large group)
        print(json.dumps({"run": run_id, "seed": seed, "learners": sorted(grouped),
                          "rows": rows, "totals": totals,
                          "per_learner": [{"learner": who, "results": grouped.get(who, []), "total": t}
                                          for who, t in totals.items()], "changed": [dict(zip(("learner", "session", "before", "now", "previous_run"), c)) for c in changes],
                          "problems": problems, "out": str(out)}))
    else:
        summary(rows, changes, out, run_id, seed)
    for line in problems:
        print(f"error: {line}", file=sys.stderr)
    if integrity != "ok":
        raise KitError(f"the gradebook failed its integrity check ({integrity}); keep the file and report it")
    return 2 if problems else 0


class Progress:
    """A progress bar on stderr, only on a terminal."""

    def __init__(self, total: int):
        self.lock = threading.Lock()
        self.bar = None
        if sys.stderr.isatty() and total:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TimeRemainingColumn

            self.bar = Bar("grading", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                           console=Console(stderr=True), transient=True)
            self.task = self.bar.add_task("grading", total=total)
            self.bar.start()

    def advance(self) -> None:
        if self.bar:
            with self.lock:
                self.bar.advance(self.task)

    def close(self) -> None:
        if self.bar:
            self.bar.stop()
            self.bar = None


def summary(rows, changes, out: Path, run_id: int, seed: int) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    console = Console()
    if not rows:
        console.print(f"run {run_id}: no learner could be graded (see the error lines); wrote {out / 'gradebook.sqlite'}")
        return
    from kit.report import rows_by_learner

    sessions = list(dict.fromkeys(r["session"] for r in rows))
    grouped = rows_by_learner(rows)
    best = {s: max(sum(r["max_points"] for r in mine if r["session"] == s) for mine in grouped.values()) for s in sessions}
    # Points only, the maxima in a row of their own: twelve sessions fit an 80-column terminal.
    table = Table(title=f"run {run_id} (seed {seed})", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("learner", overflow="fold", max_width=24)
    for s in sessions:
        table.add_column(s[:2], justify="right")
    table.add_column("total", justify="right", no_wrap=True)
    table.add_row("(out of)", *[f"{best[s]:g}" for s in sessions], f"{sum(best.values()):g}", style="dim")
    for learner, mine in grouped.items():
        cells = []
        for s in sessions:
            part = [r for r in mine if r["session"] == s]
            cells.append(f"{sum(r['points'] for r in part):g}" if part else "—")
        table.add_row(learner, *cells, f"{sum(r['points'] for r in mine):g}")
    console.print(table)
    if changes:
        console.print(f"{len(changes)} score(s) changed since the previous run:")
        for learner, session, before, now, prev in changes:
            console.print(f"  {learner} {session}: {before:g} → {now:g} (run {prev})")
    console.print(f"wrote {out / 'gradebook.sqlite'}, {out / 'grades.csv'}, {out / 'report.html'}")
