"""What a call that did not return normally says: missing, not written yet, raised, lost.

NumPy-free, so a learner's `kit check` of untouched stubs is decided without loading NumPy.
"""

from __future__ import annotations

import re

KEEPDIMS = re.compile(r"could not be broadcast together with shapes \((\d+),(\d+)\) \((\d+),\)")
KEEPDIMS_WORDS = "a sum or max over axis=1 without keepdims=True"


def raised_mistake(outcome: dict) -> str:
    """A known mistake recognisable from the exception alone, or ""."""
    found = KEEPDIMS.search(str(outcome.get("message", "")))
    if found and found.group(1) == found.group(3) != found.group(2):
        return KEEPDIMS_WORDS
    return ""


def not_ok(exercise: str, outcome: dict, case: str) -> tuple[str, str]:
    """(status, message) for a call that did not return normally."""
    status = outcome.get("status")
    if status == "missing":
        return "missing", f"{exercise} is not defined in exercises.py (check the name and that it is a top-level def)"
    if status == "not_implemented":
        return "not_implemented", f"{exercise} still raises NotImplementedError: write it (see its docstring), then run make check again"
    text = outcome.get("message", "")
    if status == "lost":
        return "error", f"{text} (on {case})"
    if outcome.get("memory"):
        return "error", f"{exercise} on {case}: {text}"
    said = f"{exercise} raised on {case}: {text}"
    if raised_mistake(outcome) == KEEPDIMS_WORDS:
        said += ("\n  looks like " + KEEPDIMS_WORDS + ": the (N,) result does not line up with the (N, C) rows; "
                 "keep the axis (keepdims=True) so it broadcasts along each row")
    return "error", said
