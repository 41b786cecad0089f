"""Options several commands share (--seed, --timeout, --jobs), declared and validated once.

A bad value is an argparse error: one `error:` line, exit 2 (see cli.Parser)."""

from __future__ import annotations

import argparse
import math

MAX_SEED = 2**63 - 1          # SQLite's INTEGER holds it; NumPy's seeding takes any size, the gradebook does not
MAX_TIMEOUT = 3600.0


def whole(option: str, text: str, low: int, high: int, shown_high: str = "") -> int:
    """A whole number in [low, high], or the one-line error argparse turns into exit 2."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{option} must be a whole number, got {printable(text)}") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{option} must be between {low} and {shown_high or high}, got {printable(text)}")
    return value


def seed(text: str) -> int:
    return whole("--seed", text, 0, MAX_SEED, "2**63 - 1")


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
    return whole("--jobs", text, 1, 256)


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
