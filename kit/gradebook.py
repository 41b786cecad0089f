"""The gradebook: SQLite, the system of record of group grading.

Every write is one transaction; results are upserted by (run, learner, check); a learner-session
is marked graded in the same transaction as its results, so an interrupted run (Ctrl-C, SIGKILL)
leaves whole learner-sessions or nothing, and `--resume` continues where it stopped. Runs are
never deleted: regrading adds a run, and earlier runs stay for comparison.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from pathlib import Path

from kit.errors import KitError
from kit.results import Result, capped_curve

MAX_MESSAGE = 4000   # characters kept per message: whatever learners return, the gradebook stays small
MAX_CURVE = 4096     # bytes of JSON kept per curve (64 points of 3 series fit); a larger one is dropped

MIGRATIONS = [
    # 1: the first schema
    """
    CREATE TABLE learners (id TEXT PRIMARY KEY, first_seen REAL NOT NULL);
    CREATE TABLE sessions (name TEXT PRIMARY KEY, title TEXT NOT NULL);
    CREATE TABLE exercises (session TEXT NOT NULL REFERENCES sessions(name), name TEXT NOT NULL,
                            max_points REAL NOT NULL, PRIMARY KEY (session, name));
    CREATE TABLE runs (id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL, seed INTEGER NOT NULL,
                       status TEXT NOT NULL, jobs INTEGER, submissions TEXT, tests_hash TEXT NOT NULL);
    CREATE TABLE graded (run INTEGER NOT NULL REFERENCES runs(id), learner TEXT NOT NULL REFERENCES learners(id),
                         session TEXT NOT NULL, points REAL NOT NULL, max_points REAL NOT NULL, finished REAL NOT NULL,
                         PRIMARY KEY (run, learner, session));
    CREATE TABLE results (run INTEGER NOT NULL REFERENCES runs(id), learner TEXT NOT NULL, session TEXT NOT NULL,
                          exercise TEXT NOT NULL, check_id TEXT NOT NULL, status TEXT NOT NULL, points REAL NOT NULL,
                          max_points REAL NOT NULL, message TEXT NOT NULL, wall REAL, cpu REAL, peak_kb INTEGER,
                          kill_reason TEXT, tests_hash TEXT NOT NULL, derivations_hash TEXT NOT NULL,
                          PRIMARY KEY (run, learner, check_id));
    CREATE INDEX results_by_exercise ON results (run, session, exercise);
    """,
    # 2: the known mistake a failure was recognised as, in a column of its own (the report counts it)
    """
    ALTER TABLE results ADD COLUMN mistake TEXT NOT NULL DEFAULT '';
    """,
    # 3: expected vs got on a 1-D input (JSON, '' when none), so `--resume` keeps the feedback page's plots
    """
    ALTER TABLE results ADD COLUMN curve TEXT NOT NULL DEFAULT '';
    """,
]


class Gradebook:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
            self._wal()
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as err:
            raise KitError(f"{path} is not a usable gradebook ({err}); move it aside and grade again "
                           f"(nothing is deleted: the old file keeps its runs)")
        self.lock = threading.Lock()

    def _wal(self) -> None:
        """Switch to WAL; a second `kit grade` creating the same new file may hold it for a moment."""
        for attempt in range(50):
            try:
                self.db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or attempt == 49:
                    raise
                time.sleep(0.1)

    def _migrate(self) -> None:
        # The version is read inside the write lock: two graders opening one new file migrate once.
        self.db.execute("BEGIN IMMEDIATE")
        try:
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
                for statement in filter(str.strip, script.split(";")):
                    self.db.execute(statement)
                self.db.execute(f"PRAGMA user_version = {number}")
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise

    def transaction(self):
        gradebook = self

        class _Tx:
            def __enter__(self):
                gradebook.lock.acquire()
                gradebook.db.execute("BEGIN IMMEDIATE")
                return gradebook.db

            def __exit__(self, kind, *_):
                try:
                    gradebook.db.execute("ROLLBACK" if kind else "COMMIT")
                finally:
                    gradebook.lock.release()

        return _Tx()

    # ── runs ──────────────────────────────────────────────────────────────────
    def start_run(self, seed: int, jobs: int, submissions: str, tests_hash: str) -> int:
        with self.transaction() as db:
            cur = db.execute("INSERT INTO runs (started, seed, status, jobs, submissions, tests_hash) VALUES (?, ?, 'running', ?, ?, ?)",
                             (time.time(), seed, jobs, submissions, tests_hash))
            return cur.lastrowid

    def unfinished_run(self, submissions: str):
        return self.db.execute("SELECT id, seed, tests_hash FROM runs WHERE status != 'finished' AND submissions = ? "
                               "ORDER BY id DESC LIMIT 1", (submissions,)).fetchone()

    def finish_run(self, run: int, status: str = "finished") -> None:
        with self.transaction() as db:
            db.execute("UPDATE runs SET finished = ?, status = ? WHERE id = ?", (time.time(), status, run))

    def graded_pairs(self, run: int) -> set[tuple[str, str]]:
        return set(self.db.execute("SELECT learner, session FROM graded WHERE run = ?", (run,)).fetchall())

    # ── catalogue ─────────────────────────────────────────────────────────────
    def record_session(self, name: str, title: str, exercises: dict[str, float]) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO sessions (name, title) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET title = excluded.title",
                       (name, title))
            db.executemany("INSERT INTO exercises (session, name, max_points) VALUES (?, ?, ?) "
                           "ON CONFLICT(session, name) DO UPDATE SET max_points = excluded.max_points",
                           [(name, ex, pts) for ex, pts in exercises.items()])

    # ── results ───────────────────────────────────────────────────────────────
    def record(self, run: int, learner: str, session: str, results: list[Result],
               tests_hash: str, derivations_hash: str) -> None:
        """One learner-session's results and its `graded` mark, atomically."""
        now = time.time()
        with self.transaction() as db:
            db.execute("INSERT INTO learners (id, first_seen) VALUES (?, ?) ON CONFLICT(id) DO NOTHING", (learner, now))
            db.executemany(
                """INSERT INTO results (run, learner, session, exercise, check_id, status, points, max_points, message,
                                        wall, cpu, peak_kb, kill_reason, tests_hash, derivations_hash, mistake, curve)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(run, learner, check_id) DO UPDATE SET
                     status = excluded.status, points = excluded.points, max_points = excluded.max_points,
                     message = excluded.message, wall = excluded.wall, cpu = excluded.cpu, peak_kb = excluded.peak_kb,
                     kill_reason = excluded.kill_reason, tests_hash = excluded.tests_hash,
                     derivations_hash = excluded.derivations_hash, mistake = excluded.mistake, curve = excluded.curve""",
                [(run, learner, session, r.exercise, r.check, r.status, r.points, r.max_points, r.message[:MAX_MESSAGE],
                  r.wall, r.cpu, r.peak_kb, r.kill_reason, tests_hash, derivations_hash, r.mistake[:200],
                  stored_curve(r.curve)) for r in results])
            db.execute("""INSERT INTO graded (run, learner, session, points, max_points, finished) VALUES (?, ?, ?, ?, ?, ?)
                          ON CONFLICT(run, learner, session) DO UPDATE SET points = excluded.points,
                          max_points = excluded.max_points, finished = excluded.finished""",
                       (run, learner, session, sum(r.points for r in results), sum(r.max_points for r in results), now))

    def results(self, run: int, learner: str | None = None) -> list[Result]:
        """A run's results (one learner's, with `learner`), by learner, session and the order they were graded."""
        mine = " AND learner = ?" if learner is not None else ""
        with self.lock:   # one connection for all threads: never read inside another thread's transaction
            rows = self.db.execute(f"""SELECT learner, session, exercise, check_id, status, points, max_points, message,
                                              wall, cpu, peak_kb, kill_reason, mistake, curve
                                       FROM results WHERE run = ?{mine} ORDER BY learner, session, rowid""",
                                   (run,) if learner is None else (run, learner)).fetchall()
        out = []
        for learner, session, exercise, check, status, points, max_points, message, wall, cpu, peak, kill, mistake, curve in rows:
            r = Result(session, exercise, check, status, points, max_points, message, "", wall or 0, cpu or 0, peak or 0,
                       kill or "", mistake, read_curve(curve))
            r.learner = learner  # type: ignore[attr-defined]
            out.append(r)
        return out

    def learners(self, run: int) -> list[str]:
        with self.lock:
            return [row[0] for row in self.db.execute("SELECT DISTINCT learner FROM graded WHERE run = ? ORDER BY learner",
                                                      (run,))]

    def changes_since_previous(self, run: int) -> list[tuple[str, str, float, float, int]]:
        """(learner, session, previous points, points now, previous run) where a score changed."""
        return self.db.execute("""
            SELECT g.learner, g.session, p.points, g.points, p.run FROM graded g
            JOIN graded p ON p.learner = g.learner AND p.session = g.session
             AND p.run = (SELECT MAX(run) FROM graded WHERE learner = g.learner AND session = g.session AND run < g.run)
            WHERE g.run = ? AND p.points != g.points ORDER BY g.learner, g.session""", (run,)).fetchall()

    def integrity(self) -> str:
        return self.db.execute("PRAGMA integrity_check").fetchone()[0]

    def close(self) -> None:
        self.db.close()


def stored_curve(curve) -> str:
    """A result's curve as the gradebook keeps it: capped JSON, '' when none or too large."""
    kept = capped_curve(curve)
    text = json.dumps(kept, separators=(",", ":"), allow_nan=False) if kept else ""
    return text if len(text) <= MAX_CURVE else ""


def read_curve(text: str) -> dict | None:
    """A stored curve back, checked again (the file may be older, or edited)."""
    try:
        return capped_curve(json.loads(text)) if text else None
    except (ValueError, RecursionError):
        return None
