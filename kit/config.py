"""Where the checkout is, and the grading limits from pyproject.toml's [tool.kit]."""

from __future__ import annotations

import os
import tomllib
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
        table = tomllib.loads(path.read_text()).get("tool", {}).get("kit", {})
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise KitError(f"cannot read [tool.kit] in {path}: {err}; fix the file or restore it from git")
    known = {f.name: f.type for f in fields(Limits)}
    unknown = sorted(set(table) - set(known))
    if unknown:
        raise KitError(f"unknown setting(s) in [tool.kit]: {', '.join(unknown)}; known: {', '.join(known)}")
    try:
        return Limits(**{k: type(getattr(Limits, k))(v) for k, v in table.items()})
    except (TypeError, ValueError) as err:
        raise KitError(f"bad value in [tool.kit] of {path}: {err}")
