"""A group's submissions: one folder per learner, or one .zip / .tar.gz per learner, unpacked safely.

Unpacking refuses paths outside the target, links and devices, and stops at a size cap; a bad
archive costs only that learner, with one line saying what is wrong.
"""

from __future__ import annotations

import re
import shutil
import stat
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kit.errors import KitError

LEARNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
MAX_BYTES = 20 * 2**20
MAX_FILES = 2000
ARCHIVES = (".tar.gz", ".tgz", ".zip")


@dataclass
class Submission:
    learner: str
    folder: Path | None      # laid out like sessions/
    problem: str = ""        # why it cannot be graded


def learner_id(path: Path) -> str:
    name = path.name
    for ext in ARCHIVES:
        if name.endswith(ext):
            return name[: -len(ext)]
    return name


def collect(submissions: Path, staging: Path) -> list[Submission]:
    if not submissions.is_dir():
        raise KitError(f"submissions folder {submissions} does not exist; pass a folder with one folder "
                       f"(or .zip / .tar.gz) per learner, e.g. {submissions}/alice/01-relu-backprop/exercises.py")
    found: dict[str, Submission] = {}
    for entry in sorted(submissions.iterdir()):
        if entry.name.startswith("."):
            continue
        is_archive = entry.is_file() and entry.name.endswith(ARCHIVES)
        if not (entry.is_dir() or is_archive) or entry.is_symlink():
            continue
        learner = learner_id(entry)
        if not LEARNER_ID.match(learner):
            found[learner] = Submission(learner, None, f"'{entry.name}' is not a usable learner id (letters, digits, . _ - @ +)")
            continue
        if learner in found:
            found[learner] = Submission(learner, None, f"two submissions for {learner}; keep one of the folder and the archive")
            continue
        if entry.is_dir():
            found[learner] = Submission(learner, entry)
            continue
        target = staging / learner
        try:
            unpack(entry, target)
            found[learner] = Submission(learner, single_root(target))
        except (UnsafeArchive, OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as err:
            shutil.rmtree(target, ignore_errors=True)
            found[learner] = Submission(learner, None, f"{entry.name} cannot be unpacked ({err}); ask {learner} to send it again")
    return list(found.values())


def single_root(target: Path) -> Path:
    """alice.zip may hold alice/01-…/ or 01-…/ directly: accept both."""
    children = [c for c in target.iterdir() if not c.name.startswith((".", "__MACOSX"))]
    if len(children) == 1 and children[0].is_dir() and not re.match(r"^\d{2}-", children[0].name):
        return children[0]
    return target


class UnsafeArchive(Exception):
    pass


def _safe_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise UnsafeArchive(f"entry '{name}' points outside the folder")
    return path


def entries(archive: Path):
    """(relative path, is_dir, size, open()) for each entry; links and devices refused."""
    if archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            for info in zf.infolist():
                if stat.S_ISLNK(info.external_attr >> 16):
                    raise UnsafeArchive(f"entry '{info.filename}' is a link")
                yield _safe_name(info.filename), info.is_dir(), info.file_size, (lambda i=info: zf.open(i))
        return
    with tarfile.open(archive, "r:gz") as tf:
        for member in tf:
            if not (member.isfile() or member.isdir()):
                raise UnsafeArchive(f"entry '{member.name}' is a link or a device")
            yield _safe_name(member.name), member.isdir(), member.size, (lambda m=member: tf.extractfile(m))


def unpack(archive: Path, target: Path) -> None:
    target.mkdir(parents=True)
    total, count = 0, 0
    for path, is_dir, size, opener in entries(archive):
        count, total = count + 1, total + size
        if count > MAX_FILES or total > MAX_BYTES:
            raise UnsafeArchive(f"larger than the cap of {MAX_FILES} files / {MAX_BYTES >> 20} MiB")
        dest = target.joinpath(*path.parts)
        if is_dir:
            dest.mkdir(parents=True, exist_ok=True)
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        with opener() as src, open(dest, "wb") as out:
            _copy_capped(src, out, MAX_BYTES)


def _copy_capped(src, out, cap: int) -> None:
    written = 0
    while chunk := src.read(1 << 16):
        written += len(chunk)
        if written > cap:
            raise UnsafeArchive(f"a file larger than {cap >> 20} MiB")
        out.write(chunk)
