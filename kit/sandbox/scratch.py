"""Scratch folders of the sandbox: made under $TMPDIR, removed whatever learner code did to them.

Kept apart from lanes.py so the kit's own process makes and removes them without loading what
only the forked side needs (ctypes, tempfile).
"""

from __future__ import annotations

import os


def make(prefix: str) -> str:
    """A new private folder under $TMPDIR (else /tmp)."""
    base = os.environ.get("TMPDIR") or "/tmp"
    while True:
        path = os.path.join(base, f"{prefix}{os.urandom(6).hex()}")
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue


def remove_tree(path: str) -> None:
    """Remove a scratch folder even if learner code took its permissions away."""
    import shutil

    def unlock(func, target, _):
        try:
            os.chmod(os.path.dirname(target), 0o700)
            os.chmod(target, 0o700)
            func(target)
        except OSError:
            pass

    shutil.rmtree(path, onerror=unlock)
