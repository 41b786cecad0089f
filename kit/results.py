"""A check's result as data; only the renderers format it."""

from __future__ import annotations

import math
from dataclasses import dataclass

STATUSES = ("pass", "fail", "error", "timeout", "missing", "not_implemented")
CURVE_POINTS = 64      # a plot needs no more; whatever a learner returns, a kept curve stays small
SERIES = ("x", "expected", "got")


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
    curve: dict | None = None  # expected vs got on a 1-D input, for the feedback page's plot (not in public())

    def public(self) -> dict:
        """The documented JSON shape of `kit check --json`."""
        keys = ("session", "exercise", "check", "status", "points", "max_points", "message", "mistake")
        return {k: getattr(self, k) for k in keys}


def totals(results: list[Result]) -> dict:
    return {"points": sum(r.points for r in results), "max_points": sum(r.max_points for r in results)}


def capped_curve(curve, points: int = CURVE_POINTS) -> dict | None:
    """A curve as the kit keeps it: x, expected and got as equal-length lists of floats (None where not
    finite; x always finite), at most `points` of them spread evenly, 6 significant digits, a short label.
    None when `curve` is not one (so nothing downstream trusts its shape)."""
    if not isinstance(curve, dict):
        return None
    series = [curve.get(key) for key in SERIES]
    if not all(isinstance(s, list) for s in series) or len({len(s) for s in series}) != 1 or not series[0]:
        return None
    n = len(series[0])
    keep = range(n) if n <= points else sorted({round(i * (n - 1) / (points - 1)) for i in range(points)})
    out = {key: [_number(s[i]) for i in keep] for key, s in zip(SERIES, series)}
    if None in out["x"]:
        return None
    label = curve.get("label") if isinstance(curve.get("label"), str) else ""
    return {**out, "label": "".join(ch for ch in label[:200] if ch.isprintable())}   # no control characters in XML


def _number(value) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    value = float(value)
    return float(f"{value:.6g}") if math.isfinite(value) else None
