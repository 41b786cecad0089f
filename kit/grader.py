"""The engine's one entry point: `with Grader(root, limits) as grader: grader.check(...)`.

It owns the invariant that learner processes are forked before any expected value exists (the
sandbox starts in __init__, before a plan is built) and builds each session's plan once per seed.
It reads no environment variable and no command line: the commands pass what they decided.
"""

from __future__ import annotations

import threading
from pathlib import Path

from kit.config import Limits
from kit.results import Result
from kit.sandbox import Sandbox
from kit.sessions import Session


class Grader:
    def __init__(self, root: Path, limits: Limits, *, namespaces: bool = True, landlock: bool = True, started=None):
        self.root, self.limits = root, limits
        # first: no expected value yet (`started`: a zygote the command forked even earlier)
        self._sandbox = Sandbox(limits, namespaces=namespaces, landlock=landlock, started=started)
        self._plans: dict[tuple[str, int], list] = {}
        self._building: dict[tuple[str, int], threading.Lock] = {}
        self._lock = threading.Lock()

    def __enter__(self) -> "Grader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._sandbox.close()

    def weaker(self) -> str:
        """What this platform's sandbox lacks, in one line ("" when nothing)."""
        return self._sandbox.weaker()

    def plan(self, session: Session, seed: int) -> list:
        """The session's checks with inputs drawn from `seed` and expected values from its derivations."""
        from kit import derive, grading

        key = (session.name, seed)
        with self._lock:
            building = self._building.setdefault(key, threading.Lock())
        with building:   # one thread builds it; another asking meanwhile waits for that one
            with self._lock:
                cached = self._plans.get(key)
            if cached is None:
                cached = grading.plan(session, derive.load(session, self.root), self.root, seed)
                with self._lock:
                    self._plans[key] = cached
        return cached

    def check(self, session: Session, seed: int, learner_file: Path, learner_root: Path | None = None) -> list[Result]:
        """One learner-session: every check of every exercise gets a Result, whatever the code does."""
        from kit import grading

        return grading.grade(self._sandbox, session, self.plan(session, seed), learner_file, learner_root)

    def outline(self, session: Session, seed: int) -> list:
        """The plan if built, else its outline from the plan cache (calls and points, no judges, read
        without NumPy), else the plan, built now."""
        from kit import grading, outline

        with self._lock:
            built = self._plans.get((session.name, seed))
        if built is None:
            path = outline.path_for(self.root, session, grading.spec_path(session, self.root), seed)
            built = outline.load(path)
        return built if built is not None else self.plan(session, seed)

    def check_learner(self, sessions: list[Session], seed: int, folder: Path) -> list[list[Result]]:
        """All of one learner's sessions in one learner process (folder laid out like sessions/).

        The learner's calls start from the outlines (read without NumPy); a session's plan is built
        only when one of its checks needs a judge or an input shown, and its calls are run again if
        they differ from the outline's. Untouched stubs are decided without NumPy."""
        from kit import grading, outline

        items = [(s, self.outline(s, seed), folder / s.name / "exercises.py") for s in sessions]
        runs = grading.run_many(self._sandbox, items, folder)
        results = []
        for (session, planned, path), run in zip(items, runs):
            if isinstance(planned, outline.Outline) and not grading.unanswered(run):
                built = self.plan(session, seed)
                if not outline.matches(planned, built):
                    run = grading.run_many(self._sandbox, [(session, built, path)], folder)[0]
                planned = built
            results.append(grading.judge(session, planned, run))
        return results
