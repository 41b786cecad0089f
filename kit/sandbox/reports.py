"""What the kit accepts from a learner's process: exactly the report it waits for, well formed.

A learner's process can write anything into its report pipe. A report is taken only if it is the
next one expected (this part's "loaded", or this exercise's outcomes for this phase) and every
field has the type, length and size the harness would give it; anything else is Malformed, which
costs the exercise (or the file's loading) the kit was waiting for, and nothing more. Text is cut
here, so nothing a learner writes can grow the gradebook.
"""

from __future__ import annotations

from dataclasses import dataclass

from kit import wire
from kit.spec import is_array

MAX_TEXT = 2000               # characters kept of any message a learner's process sends
MAX_ITEMS = 8                 # a tuple answer is described by its first 8 items
MAX_ELEMENTS = 10**6
STATUSES = {"ok", "missing", "not_implemented", "raised"}


class Malformed(Exception):
    pass


@dataclass(frozen=True)
class Slot:
    """One report the kit waits for: a part's loading, or one phase of one exercise."""

    kind: str                 # "load" | "own" | "foreign"
    part: int
    name: str = ""
    calls: tuple = ()         # the calls of this phase ({"func", "args", "arrays"}), to check the outcomes against


class Blobs:
    """A report's array buffers, and which of them a header has named."""

    def __init__(self, buffers: list):
        self.buffers, self.used = buffers, set()


def parse(data: bytes, slot: Slot) -> dict:
    """The report for `slot`, validated, or Malformed."""
    try:
        report, buffers = wire.loads_report(data)
    except wire.WireError as err:
        raise Malformed(str(err)) from None
    if not isinstance(report, dict):
        raise Malformed("a report that is not an object")
    event, part = report.get("event"), report.get("part")
    if type(part) is not int or part != slot.part:
        raise Malformed(f"a report for another part ({_short(part)})")
    if slot.kind == "load":
        if event == "loaded":
            return {"event": "loaded"}
        if event == "load_failed":
            return {"event": "load_failed", "message": text(report.get("message"))}
        raise Malformed(f"{_short(event)} while the file was loading")
    if event != "exercise" or report.get("name") != slot.name or report.get("phase") != slot.kind:
        raise Malformed(f"a report for {_short(report.get('name'))} ({_short(report.get('phase'))}) "
                        f"while {slot.name} ({slot.kind}) was running")
    raw = report.get("outcomes")
    if not isinstance(raw, list) or len(raw) != len(slot.calls):
        raise Malformed(f"{len(raw) if isinstance(raw, list) else 'no'} outcomes for {len(slot.calls)} calls")
    blobs = Blobs(buffers)
    return {"event": "exercise", "outcomes": [outcome(o, c, blobs) for o, c in zip(raw, slot.calls)]}


def outcome(raw, call: dict, blobs: Blobs) -> dict:
    if not isinstance(raw, dict) or raw.get("status") not in STATUSES:
        raise Malformed("an outcome without a known status")
    status = raw["status"]
    if status == "missing":
        return {"status": "missing"}
    if status in ("not_implemented", "raised"):
        return {"status": status, "message": text(raw.get("message")), "memory": raw.get("memory") is True}
    arrays = call.get("arrays")   # which inputs are arrays (only those can come back changed)
    if arrays is None:
        arrays = [is_array(a) for a in call["args"]]
    after = raw.get("args_after")
    if not isinstance(after, list) or len(after) != len(arrays):
        raise Malformed("inputs-after that do not match the inputs")
    warnings = raw.get("warnings")
    if not isinstance(warnings, list) or len(warnings) > 5 or not all(isinstance(w, str) for w in warnings):
        raise Malformed("warnings that are not a short list of text")
    return {"status": "ok", "value": describe(raw.get("value"), 0, blobs),
            "seconds": float(raw["seconds"]) if isinstance(raw.get("seconds"), (int, float)) else 0.0,
            "args_after": [_after(a, b, blobs) for a, b in zip(after, arrays)],
            "warnings": [w[:300] for w in warnings]}


def describe(raw, depth: int, blobs: Blobs) -> dict:
    """A returned value's description, as the harness makes it (see harness.describe)."""
    if not isinstance(raw, dict) or not isinstance(raw.get("kind"), str):
        raise Malformed("a value without a kind")
    out = {"kind": raw["kind"][:80]}
    if "value" in raw:
        out["value"] = _array(raw["value"], blobs)
    if "too_large" in raw:
        shape = raw["too_large"]
        if not isinstance(shape, list) or len(shape) > 32 or not all(type(n) is int and n >= 0 for n in shape):
            raise Malformed("a bad shape")
        out["too_large"] = shape
    if "items" in raw:
        items, length = raw["items"], raw.get("length")
        if depth or not isinstance(items, list) or len(items) > MAX_ITEMS or type(length) is not int or length < len(items):
            raise Malformed("a bad tuple")
        out["items"], out["length"] = [describe(i, 1, blobs) for i in items], length
    return out


def _array(header, blobs: Blobs):
    """The array a header names (see wire.dumps_report): numeric, of reasonable size, its buffer
    used once (so what a report decodes to is never more than the report)."""
    if not isinstance(header, dict) or type(header.get("$nd")) is not int:
        raise Malformed("a value that is not a numeric array of reasonable size")
    if header["$nd"] in blobs.used:
        raise Malformed("an array buffer named twice")
    blobs.used.add(header["$nd"])
    try:
        value = wire.array_from(header, blobs.buffers)
    except wire.WireError as err:
        raise Malformed(str(err)) from None
    if value.size > MAX_ELEMENTS:
        raise Malformed("a value that is not a numeric array of reasonable size")
    return value


def _after(value, was_array: bool, blobs: Blobs):
    if value is None:
        return None
    value = _array(value, blobs)
    if not was_array:
        raise Malformed("a changed input that was not an array")
    return value


def text(value) -> str:
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def _short(value) -> str:
    return repr(value)[:40]
