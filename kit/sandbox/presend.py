"""A learner's job built before NumPy is imported, so their code runs while the kit loads.

`kit check` knows right after parsing its arguments what it will ask: the sessions, the learner's
files, the seed. The calls come from each session's outline (kit/outline.py), already encoded; the
learner's file is read as the runner reads it. The bytes go to a lane early (start.py), and the
runner takes that lane only for a round whose bytes are the same.
NumPy-free; anything missing or unreadable means no early job, never an error.
"""

from __future__ import annotations

from pathlib import Path

from kit import outline, wire
from kit.sandbox import frames
from kit.sandbox.sources import Unusable, read_source


def job(root: Path, sessions: list, seed: int, folder: Path, timeout: float) -> bytes | None:
    """The bytes the runner would send for these sessions of one learner, or None."""
    plans, parts, slot_count = [], [], 0
    for index, session in enumerate(sessions):
        if not session.checks_file.exists():
            return None
        found = outline.read_job(outline.path_for(root, session, session.checks_file, seed))
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
