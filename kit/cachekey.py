"""The key of a session's cached plan, outline and job files: what they depend on, hashed.

NumPy-free on purpose: `kit check` finds a session's files before NumPy is imported (the version
is read from NumPy's own version.py when it is not imported yet).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from kit import lazynumpy

try:   # the built-in BLAKE2, not hashlib: importing hashlib loads OpenSSL (~5 ms of every `make check`)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b

# The kit's files that decide what a plan holds (a change to any of them makes every plan stale).
KIT_FILES = ("plans.py", "declare.py", "judges.py", "probes.py", "derive.py", "symbolic.py", "spec.py", "grading.py",
             "outline.py", "wire.py", "cachekey.py", "lazynumpy.py", "recorded.py")
FORMAT = 1


def key(session, checks_file: Path, seed: int, numpy_version: str) -> str:
    digest = blake2b(f"{FORMAT} {numpy_version} {seed} {_kit_digest()}".encode())
    for path in (session.derivations_file, checks_file):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    if session.recorded_file.exists():        # a learner edition's expected values (kit/recorded.py)
        digest.update(b"recorded\0" + session.recorded_file.read_bytes())
    return digest.hexdigest()[:20]


def path_for(root: Path, session, checks_file: Path, seed: int, kind: str, numpy_version: str) -> Path:
    """.kit-cache/<kind>/NN-slug-SEED-KEY.pkl: one file per session, seed and key."""
    return root / ".kit-cache" / kind / f"{session.name}-{seed}-{key(session, checks_file, seed, numpy_version)}.pkl"


@functools.lru_cache(maxsize=1)
def _kit_digest() -> str:
    """The kit's plan-building code, read once per process (twelve sessions need it once, not twelve times)."""
    kit = Path(__file__).parent
    digest = blake2b()
    for path in (*(kit / n for n in KIT_FILES), *sorted((kit / "kinds").glob("*.py"))):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


@functools.lru_cache(maxsize=1)
def numpy_version() -> str:
    """NumPy's version, without importing NumPy when it is not imported yet ("" if it cannot be told)."""
    numpy = lazynumpy.loaded()
    if numpy is not None:
        return numpy.__version__
    import importlib.util

    try:
        spec = importlib.util.find_spec("numpy")
        text = Path(spec.origin).with_name("version.py").read_text()
    except (ImportError, AttributeError, TypeError, OSError, ValueError):
        return ""
    found = re.search(r'^version\s*=\s*["\']([^"\']+)["\']', text, re.M)
    return found.group(1) if found else ""
