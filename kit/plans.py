"""Plans as data: the values a session's checks compute from its derivations, kept on disk.

A plan is a session's checks for one seed: inputs (drawn from the seed), expected values and
bounds (from the derivations). Inputs cost nothing to draw again; expected values can cost a lot (a
reference optimiser run for a thousand steps). So the values are what is cached, under a key that
covers everything they depend on: derivations.py, checks.py, the kit's plan-building code, NumPy's
version and the seed. A stale file is rebuilt, never trusted.

How a value is found again: checks.py is deterministic for a given key, so its n-th top-level call of
a reference (or of `Declare.expected`) is the same computation every time. Each stored value carries a
fingerprint of its call (the reference and its arguments); the first call whose fingerprint differs
ends the reuse, and everything from there is computed afresh and stored again. Calls made inside a
call being computed are not recorded: a warm run never makes them.

The file holds NumPy arrays, tuples and numbers only; it is read with an unpickler that refuses any
other type, so a cache file cannot run code in the grader.
"""

from __future__ import annotations

import io
import os
import pickle
from pathlib import Path

import numpy as np

from kit import cachekey
from kit.cachekey import blake2b
from kit.sessions import Session

KEEP = 4          # plan files kept per session (seeds: make check's, the tests', a few others)


def key(session: Session, checks_file: Path, seed: int) -> str:
    return cachekey.key(session, checks_file, seed, np.__version__)


class Memo:
    """The values of one plan, in call order; `value(what, args, compute)` reuses or computes."""

    def __init__(self, path: Path | None, stored: list):
        self.path, self._stored, self._made, self._depth = path, stored, [], 0
        self._reusing = True

    @classmethod
    def open(cls, root: Path, session: Session, checks_file: Path, seed: int) -> "Memo":
        path = path_for(root, session, checks_file, seed)
        return cls(path, _read(path))

    def value(self, what: str, args: tuple, compute):
        if self._depth:                     # inside a call being computed: never recorded
            return compute()
        mark = _fingerprint(what, args)
        at = len(self._made)
        if self._reusing and at < len(self._stored) and self._stored[at][0] == mark:
            value = self._stored[at][1]
            self._made.append(self._stored[at])
            return _copied(value)
        self._reusing = False
        self._depth += 1
        try:
            value = compute()
        finally:
            self._depth -= 1
        self._made.append((mark, _copied(value)))
        return value

    def save(self) -> None:
        """Write what this run made, if it differs from what was read (atomically; a failure is harmless)."""
        if self.path is not None and not (self._reusing and len(self._made) == len(self._stored)):
            store(self.path, self._made)


def path_for(root: Path, session: Session, checks_file: Path, seed: int, kind: str = "plans") -> Path:
    """.kit-cache/<kind>/NN-slug-SEED-KEY.pkl: one file per session, seed and key."""
    return cachekey.path_for(root, session, checks_file, seed, kind, np.__version__)


def store(path: Path, data) -> None:
    """Pickle `data` (bytes are written as they are) to `path` atomically, keeping the session's KEEP
    newest files of its kind; a value that cannot be stored (a checks.py returning a function, say)
    is computed again each run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        session = path.name.rsplit("-", 2)[0]
        others = [p for p in path.parent.glob(f"{session}-*{path.suffix}") if p != path]
        for stale in _older(others, KEEP - 1):   # never this key: another process may be writing it
            stale.unlink(missing_ok=True)
        if not isinstance(data, bytes):
            data = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return
    import tempfile

    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


def _older(paths, keep: int) -> list[Path]:
    """All but the `keep` most recently written (a graded run's random seed is rarely seen again)."""
    dated = []
    for path in paths:
        try:
            dated.append((path.stat().st_mtime, path))
        except OSError:
            pass
    return [path for _, path in sorted(dated, reverse=True)[keep:]]


def _fingerprint(what: str, args: tuple) -> bytes:
    digest = blake2b(what.encode(), digest_size=16)
    _feed(digest, args)
    return digest.digest()


def _feed(digest, obj) -> None:
    if isinstance(obj, np.ndarray):
        digest.update(f"a{obj.dtype.str}{obj.shape}".encode())
        digest.update(np.ascontiguousarray(obj).tobytes())
    elif isinstance(obj, (tuple, list)):
        digest.update(f"t{len(obj)}".encode())
        for item in obj:
            _feed(digest, item)
    elif isinstance(obj, dict):
        digest.update(f"d{len(obj)}".encode())
        for k, v in obj.items():
            _feed(digest, k)
            _feed(digest, v)
    else:
        digest.update(f"{type(obj).__name__}:{obj!r}".encode())


def _copied(value):
    """Arrays copied, so a caller that writes into a value cannot change the stored one."""
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return tuple(_copied(v) for v in value)
    if isinstance(value, list):
        return [_copied(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):   # derive.Bounds
        return type(value)(**{k: _copied(getattr(value, k)) for k in value.__dataclass_fields__})
    return value


ALLOWED = {
    ("numpy", "ndarray"), ("numpy", "dtype"), ("numpy.core.multiarray", "_reconstruct"),
    ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"),
    ("numpy._core.multiarray", "scalar"), ("kit.derive", "Bounds"), ("builtins", "complex"),
    ("numpy._core.numeric", "_frombuffer"), ("numpy.core.numeric", "_frombuffer"),
}


class _Restricted(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a plan file")
        return super().find_class(module, name)


def read(path: Path):
    """What `store` wrote, read with the restricted unpickler; None when missing, damaged or foreign."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        return _Restricted(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a damaged or foreign file is stale, not an error
        return None


def _read(path: Path) -> list:
    stored = read(path)
    if not isinstance(stored, list) or not all(isinstance(s, tuple) and len(s) == 2 and isinstance(s[0], bytes)
                                               for s in stored):
        return []
    return stored
