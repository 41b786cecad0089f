"""What the kit sends a lane for one learner process, as bytes: the plans it lacks, "run", the job.

NumPy-free, so `kit check` can build a job before NumPy is imported (kit/sandbox/presend.py), and
the runner can tell that what went early is exactly what it would have sent.
"""

from __future__ import annotations

from kit import wire

RUN = wire.frame(wire.dumps({"run": True}))


def plan_payload(key: str, helpers: str, exercises: list) -> bytes:
    """A plan's calls, once per lane: [(name, calls in run order, number of own calls)]."""
    return wire.dumps({"plan": key, "helpers": helpers, "exercises": [
        {"name": n, "calls": [{"func": call["func"], "args": call["args"]} for call in c], "own": o}
        for n, c, o in exercises]})


def slots(counts: list[tuple[int, int]]) -> int:
    """Reports expected for one part: its loading, then each exercise's own calls and, if it has
    any, its calls of other functions. `counts`: (number of calls, own calls) per exercise."""
    return 1 + sum(1 + (calls > own) for calls, own in counts)


def job(parts: list[dict], slot_count: int, timeout: float) -> bytes:
    """The "run" frame and the job's: every part's file and names; CPU seconds for every slot."""
    return RUN + wire.frame(wire.dumps({"parts": parts, "cpu_seconds": int(timeout * (slot_count + 1)) + 1}))


def part(index: int, path: str, source: str, names: list[str], key: str) -> dict:
    return {"part": index, "path": path, "source": source, "names": names, "key": key}
