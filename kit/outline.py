"""A plan's outline: what a learner's process is asked to call and how the checks are counted —
everything in a plan but its judges, kept on disk beside the plan's values (kit/plans.py).

One file, NumPy-free (a JSON header, then the encoded calls): a learner's `kit check` sends an
outline's calls at once, without running the session's checks.py; the plan itself (its judges) is
built only when a call returned or raised. A session whose every exercise still raises
NotImplementedError, or fails to load, is decided from its outline alone. When the plan is built,
its checks and encoded calls are compared with the outline's, so an outline that no longer
matches its plan is never what a learner is judged on.
"""

from __future__ import annotations

import json
from pathlib import Path

from kit.sessions import Session
from kit.spec import Call, Check, Exercise, Placeholder, is_array

class Outline(list):
    """A session's exercises with their checks' calls and points; each check's judge is None, each
    argument a placeholder (array or not): its values travel as `plan_payload`, encoded for a lane.

    `job_key` names the calls the same in every process, so a job built from them before NumPy is
    loaded (kit/sandbox/presend.py) is byte for byte the one the runner builds."""

    def __init__(self, exercises, helpers: str, job_key: str, plan_payload: bytes, repeats: dict):
        super().__init__(exercises)
        self.helpers, self.job_key, self.plan_payload = helpers, job_key, plan_payload
        self.repeats = repeats    # name -> each call's outcome among those sent (grading.job_for)


def matches(outline: Outline, plan) -> bool:
    """Whether the outline's checks and the calls it sends (encoded, from disk) are the plan's."""
    from kit import grading
    from kit.sandbox import frames

    if skeleton(outline) != skeleton(plan):
        return False
    job = grading.job_for(plan, Path("exercises.py"))
    return outline.repeats == job.expand and \
        outline.plan_payload == frames.plan_payload(outline.job_key, getattr(plan, "helpers", ""), job.exercises)


def skeleton(exercises) -> dict:
    """An outline without its arguments' values (whether each is an array stays): plain JSON."""
    return {"helpers": getattr(exercises, "helpers", ""), "exercises": [
        [ex.name, [[c.id, c.points, [[k.func, k.label, list(k.names), k.on_behalf, k.may_raise,
                                      [is_array(a) for a in k.args]] for k in c.calls]] for c in ex.checks]]
        for ex in exercises]}


def save(path: Path, exercises) -> None:
    """Store the plan's outline (its job file) unless this key's file is there already."""
    if path.exists():
        return
    from kit import grading, plans
    from kit.sandbox import frames

    job = grading.job_for(exercises, Path("exercises.py"))
    calls = job.exercises
    header = {"key": job_key(path), "exercises": [[name, len(c), own] for name, c, own in calls],
              "repeats": job.expand, "skeleton": skeleton(exercises)}
    plans.store(path, json.dumps(header).encode() + b"\n" + frames.plan_payload(header["key"], getattr(exercises, "helpers", ""), calls))


def load(path: Path) -> Outline | None:
    """The outline from its job file alone, without NumPy: enough to send the calls (already encoded)
    and to decide checks whose calls all raised NotImplementedError or are missing; None if unusable."""
    found = read_job(path)
    if found is None or "skeleton" not in found[0]:
        return None
    header, payload = found
    try:
        exercises = [Exercise(name, [Check(cid, [Call(func, tuple(Placeholder(bool(a)) for a in arrays), label, tuple(names),
                                                      on_behalf, may_raise)
                                                 for func, label, names, on_behalf, may_raise, arrays in calls], None, points)
                                     for cid, points, calls in checks])
                     for name, checks in header["skeleton"]["exercises"]]
        repeats = header.get("repeats", {})
        sent = {name: count for name, count, _ in header["exercises"]}
        calls = {ex.name: len(ex.calls()) for ex in exercises}
        if not isinstance(repeats, dict) or not all(
                isinstance(w, list) and all(type(i) is int for i in w) and len(w) == calls.get(name)
                and sorted(set(w)) == list(range(sent.get(name, -1))) for name, w in repeats.items()):
            return None
        return Outline(exercises, str(header["skeleton"]["helpers"]), job_key(path), payload, repeats)
    except (TypeError, ValueError, KeyError):
        return None


def path_for(root: Path, session: Session, checks_file: Path, seed: int) -> Path:
    """.kit-cache/outlines/NN-slug-SEED-KEY.job"""
    from kit import cachekey

    return cachekey.path_for(root, session, checks_file, seed, "outlines", cachekey.numpy_version()).with_suffix(".job")


def job_key(path: Path) -> str:
    """The key of an outline's calls in a lane: the same in every process (its file's name)."""
    return "outline-" + path.stem


def read_job(path: Path) -> tuple[dict, bytes] | None:
    """A job file: (header, the encoded calls), or None when missing or damaged."""
    try:
        head, _, payload = path.read_bytes().partition(b"\n")
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("key") != job_key(path) or not payload:
            return None
        if not all(isinstance(n, str) and isinstance(c, int) and isinstance(o, int) for n, c, o in header["exercises"]):
            return None
        return header, payload
    except (OSError, ValueError, TypeError, KeyError):
        return None
