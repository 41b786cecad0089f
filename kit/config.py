"""Where the checkout is, and the grading limits from pyproject.toml's [tool.kit]."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, fields, replace
from pathlib import Path

from kit.errors import KitError


def repo_root() -> Path:
    """The checkout holding sessions/: $KIT_ROOT, else the nearest parent of the cwd, else the kit's own."""
    if os.environ.get("KIT_ROOT"):
        return Path(os.environ["KIT_ROOT"]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "sessions").is_dir() and (folder / "kit").is_dir():
            return folder
    return Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Limits:
    """What one learner's code may use. Documented in the README; set in [tool.kit]."""

    timeout: float = 5.0          # wall-clock seconds per exercise (and for loading the file)
    memory_mb: int = 1024         # RLIMIT_AS of the learner's process
    output_bytes: int = 65536     # captured stdout/stderr kept per learner-session
    seed: int = 2026              # default seed of `kit check`

    def with_overrides(self, **changes) -> "Limits":
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_limits(root: Path | None = None) -> Limits:
    path = (root or repo_root()) / "pyproject.toml"
    if not path.exists():
        return Limits()
    try:
        text = path.read_text()
    except OSError as err:
        raise KitError(f"cannot read [tool.kit] in {path}: {err}; fix the file or restore it from git")
    table = _simple_table(text)
    if table is None:   # anything but `name = number` lines: TOML's own parser says what is wrong
        import tomllib
        try:
            table = tomllib.loads(text).get("tool", {}).get("kit", {})
        except tomllib.TOMLDecodeError as err:
            raise KitError(f"cannot read [tool.kit] in {path}: {err}; fix the file or restore it from git")
    known = {f.name: f.type for f in fields(Limits)}
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise KitError(f"unknown setting(s) in [tool.kit]: {', '.join(unknown)}; known: {', '.join(known)}")
    try:
        return Limits(**{k: type(getattr(Limits, k))(v) for k, v in table.items()})
    except (TypeError, ValueError) as err:
        raise KitError(f"bad value in [tool.kit] of {path}: {err}")


_HEADER = re.compile(r"^\s*\[")
_NUMBER_LINE = re.compile(r"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*([-+]?[0-9][0-9_]*(?:\.[0-9_]+)?(?:[eE][-+]?[0-9]+)?)\s*(?:#.*)?$")


def _simple_table(text: str) -> dict | None:
    """[tool.kit] read without tomllib (10 ms of every `make check`) when it is only `name = number`
    lines and comments, as the kit writes it; None for anything else, which tomllib then reads."""
    lines = text.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip() == "[tool.kit]"]
    if len(starts) != 1:
        return None
    table: dict = {}
    for line in lines[starts[0] + 1:]:
        if _HEADER.match(line):
            break
        if not line.strip() or line.strip().startswith("#"):
            continue
        found = _NUMBER_LINE.match(line)
        if not found or found.group(1) in table:
            return None
        number = found.group(2).replace("_", "")
        table[found.group(1)] = float(number) if any(c in number for c in ".eE") else int(number)
    return table
