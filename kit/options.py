"""Options several commands share (--seed, --timeout, --jobs), declared and validated once.

A bad value is an argparse error: one `error:` line, exit 2 (see cli.Parser)."""

from __future__ import annotations

import argparse
import math

MAX_SEED = 2**63 - 1          # SQLite's INTEGER holds it; NumPy's seeding takes any size, the gradebook does not
MAX_TIMEOUT = 3600.0


def seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--seed must be a whole number, got {printable(text)!s}") from None
    if not 0 <= value <= MAX_SEED:
        raise argparse.ArgumentTypeError(f"--seed must be between 0 and 2**63 - 1, got {printable(text)}")
    return value


def timeout(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--timeout must be a number of seconds, got {printable(text)}") from None
    if not math.isfinite(value) or not 0 < value <= MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"--timeout must be more than 0 and at most {MAX_TIMEOUT:g} seconds, "
                                         f"got {printable(text)}")
    return value


def jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--jobs must be a whole number, got {printable(text)}") from None
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(f"--jobs must be between 1 and 256, got {printable(text)}")
    return value


def add_seed_timeout(parser, seed_help: str) -> None:
    parser.add_argument("--seed", type=seed, help=seed_help)
    parser.add_argument("--timeout", type=timeout, help="wall-clock seconds per exercise (default from [tool.kit])")


def sandbox_switches() -> dict:
    """Mechanisms an organizer may switch off on a platform that lacks them (read here, not in the engine)."""
    import os

    return {"namespaces": not os.environ.get("KIT_NO_NAMESPACES"), "landlock": not os.environ.get("KIT_NO_LANDLOCK")}


def printable(text: str, limit: int = 200) -> str:
    """A name as it may reach a terminal: control characters and escape codes shown escaped."""
    text = str(text)
    shown = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text[:limit])
    return shown + ("…" if len(text) > limit else "")
