"""A check's result as data; only the renderers format it."""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("pass", "fail", "error", "timeout", "missing", "not_implemented")


@dataclass
class Result:
    session: str
    exercise: str
    check: str
    status: str            # one of STATUSES
    points: float
    max_points: float
    message: str = ""
    note: str = ""
    wall: float = 0.0
    cpu: float = 0.0
    peak_kb: int = 0
    kill_reason: str = ""
    mistake: str = ""      # the known mistake recognised, "" when none (its own field: nothing parses messages)

    def public(self) -> dict:
        """The documented JSON shape of `kit check --json`."""
        keys = ("session", "exercise", "check", "status", "points", "max_points", "message", "mistake")
        return {k: getattr(self, k) for k in keys}


def totals(results: list[Result]) -> dict:
    return {"points": sum(r.points for r in results), "max_points": sum(r.max_points for r in results)}
