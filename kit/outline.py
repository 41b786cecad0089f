"""A plan's outline: what a learner's process is asked to call and how the checks are counted —
everything in a plan but its judges, kept on disk beside the plan's values (kit/plans.py).

A learner's `kit check` sends an outline's calls at once, without running the session's checks.py;
the plan itself (its judges) is built only when a check has to be judged. A session whose every
exercise still raises NotImplementedError, or fails to load, is decided from its outline alone.
When the plan is built, its calls are compared with the outline's by fingerprint, so an outline
that no longer matches its plan is never what a learner is judged on.
"""

from __future__ import annotations

import json
from pathlib import Path

from kit.sandbox.presend import job_key, read_job
from kit.sessions import Session
from kit.spec import Call, Check, Exercise, Placeholder, is_array

FORMAT = 1


class Outline(list):
    """A session's exercises with their checks' calls and points; each check's judge is None.

    `job_key` names its calls the same in every process, and `plan_payload` holds them encoded for a
    lane, read from disk: a job built from them before NumPy is loaded (kit/sandbox/presend.py) is
    byte for byte the one the runner builds."""

    def __init__(self, exercises, helpers: str, job_key: str = "", plan_payload: bytes = b"", lite: bool = False):
        super().__init__(exercises)
        self.helpers, self.job_key, self.plan_payload = helpers, job_key, plan_payload
        self.lite = lite   # read without NumPy: arguments are placeholders (only their encoded form is sent)


def fingerprint(exercises) -> bytes:
    """Of everything an outline holds; a plan and its outline agree when their fingerprints do."""
    from kit import plans

    cached = getattr(exercises, "_outline_mark", None)
    if cached is not None:
        return cached
    digest = plans.blake2b(b"outline", digest_size=16)
    plans._feed(digest, [_shape(ex) for ex in exercises])
    digest.update(getattr(exercises, "helpers", "").encode())
    mark = digest.digest()
    try:
        exercises._outline_mark = mark
    except AttributeError:   # a plain list (a test's hand-made plan): computed each time
        pass
    return mark


def matches(outline: Outline, plan) -> bool:
    """Whether the outline, and the calls it sends (its encoded ones when read from disk), are the plan's."""
    if outline.lite:
        if skeleton(outline) != skeleton(plan):
            return False
    elif fingerprint(outline) != fingerprint(plan):
        return False
    if not outline.plan_payload:
        return True
    from kit import grading
    from kit.sandbox import frames

    calls = grading.job_for(plan, Path("exercises.py")).exercises
    return outline.plan_payload == frames.plan_payload(outline.job_key, getattr(plan, "helpers", ""), calls)


def _shape(ex: Exercise) -> tuple:
    return (ex.name, [(c.id, c.points, [(k.func, k.args, k.label, k.names, k.on_behalf, k.may_raise) for k in c.calls])
                      for c in ex.checks])


def skeleton(exercises) -> dict:
    """An outline without its arguments' values (whether each is an array stays): plain JSON."""
    return {"helpers": getattr(exercises, "helpers", ""), "exercises": [
        [ex.name, [[c.id, c.points, [[k.func, k.label, list(k.names), k.on_behalf, k.may_raise,
                                      [is_array(a) for a in k.args]] for k in c.calls]] for c in ex.checks]]
        for ex in exercises]}


def lite(path: Path) -> Outline | None:
    """The outline from its job file alone, without NumPy: enough to send the calls (already encoded)
    and to decide checks whose calls all raised NotImplementedError or are missing; None if unusable."""
    found = read_job(path.with_suffix(".job"))
    if found is None or "skeleton" not in found[0]:
        return None
    header, payload = found
    try:
        exercises = [Exercise(name, [Check(cid, [Call(func, tuple(Placeholder(bool(a)) for a in arrays), label, tuple(names),
                                                      on_behalf, may_raise)
                                                 for func, label, names, on_behalf, may_raise, arrays in calls], None, points)
                                     for cid, points, calls in checks])
                     for name, checks in header["skeleton"]["exercises"]]
        return Outline(exercises, str(header["skeleton"]["helpers"]), job_key(path), payload, lite=True)
    except (TypeError, ValueError, KeyError):
        return None


def save(path: Path, exercises) -> None:
    """Store the plan's outline and its job file unless this key's files are there already."""
    from kit import plans

    if not path.exists():
        plans.store(path, {"format": FORMAT, "helpers": getattr(exercises, "helpers", ""),
                           "exercises": [_shape(ex) for ex in exercises]})
    job = path.with_suffix(".job")
    if not job.exists():
        from kit import grading
        from kit.sandbox import frames

        calls = grading.job_for(exercises, Path("exercises.py")).exercises
        header = {"key": job_key(path), "exercises": [[name, len(c), own] for name, c, own in calls],
                  "skeleton": skeleton(exercises)}
        plans.store(job, json.dumps(header).encode() + b"\n" + frames.plan_payload(header["key"], getattr(exercises, "helpers", ""), calls))


def load(path: Path) -> Outline | None:
    """The stored outline, or None when missing, damaged or of another format."""
    from kit import plans

    data = plans.read(path)
    try:
        if data["format"] != FORMAT:
            return None
        exercises = [Exercise(name, [Check(cid, [Call(*call) for call in calls], None, points)
                                     for cid, points, calls in checks])
                     for name, checks in data["exercises"]]
    except (TypeError, KeyError, ValueError):
        return None
    payload = read_job(path.with_suffix(".job"))
    return Outline(exercises, str(data["helpers"]), job_key(path), payload[1] if payload else b"")


def path_for(root: Path, session: Session, checks_file: Path, seed: int) -> Path:
    from kit import cachekey

    return cachekey.path_for(root, session, checks_file, seed, "outlines", cachekey.numpy_version())
