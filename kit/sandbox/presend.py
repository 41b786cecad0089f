"""A learner's job built before NumPy is imported, so their code runs while the kit loads.

`kit check` knows right after parsing its arguments what it will ask: the sessions, the learner's
files, the seed. The calls come from each session's job file (written beside its outline, see
kit/outline.py), already encoded; the learner's file is read as the runner reads it. The bytes go
to a lane early (start.py), and the runner takes that lane only for a round whose bytes are the same.
NumPy-free; anything missing or unreadable means no early job, never an error.
"""

from __future__ import annotations

import json
from pathlib import Path

from kit import cachekey, wire
from kit.sandbox import frames
from kit.sandbox.sources import Unusable, read_source


def job(root: Path, sessions: list, seed: int, folder: Path, timeout: float) -> bytes | None:
    """The bytes the runner would send for these sessions of one learner, or None."""
    version = cachekey.numpy_version()
    if not version:
        return None
    plans, parts, slot_count = [], [], 0
    for index, session in enumerate(sessions):
        if not session.checks_file.exists():
            return None
        outline = cachekey.path_for(root, session, session.checks_file, seed, "outlines", version)
        found = read_job(outline.with_suffix(".job"))
        if found is None:
            return None
        header, payload = found
        path = folder / session.name / "exercises.py"
        try:
            source = read_source(path, folder)
        except Unusable:
            continue   # the runner says so without sending it
        plans.append(wire.frame(payload))
        parts.append(frames.part(index, str(path), source, [n for n, _, _ in header["exercises"]], header["key"]))
        slot_count += frames.slots([(calls, own) for _, calls, own in header["exercises"]])
    if not parts:
        return None
    return b"".join(plans) + frames.job(parts, slot_count, timeout)


def job_key(outline: Path) -> str:
    """The key of an outline's calls in a lane: the same in every process (its file's name)."""
    return "outline-" + outline.stem


def read_job(path: Path) -> tuple[dict, bytes] | None:
    """A job file: (header, the encoded calls), or None when missing or damaged."""
    try:
        head, _, payload = path.read_bytes().partition(b"\n")
        header = json.loads(head)
        if not isinstance(header, dict) or header.get("key") != job_key(path.with_suffix(".pkl")) or not payload:
            return None
        if not all(isinstance(n, str) and isinstance(c, int) and isinstance(o, int) for n, c, o in header["exercises"]):
            return None
        return header, payload
    except (OSError, ValueError, TypeError, KeyError):
        return None
