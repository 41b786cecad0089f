"""A group's submissions: one folder per learner, or one archive per learner, unpacked safely.

Every entry of the submissions folder ends as a `Submission` with a folder to grade, or with a
`problem`: one line saying what is wrong and what to do. Nothing is dropped silently, with one
exception: entries whose names start with "." (`.DS_Store`, `.git`, editors' files) are skipped.

- A learner folder is used in place. Its name is the learner id; it is not followed if it is a link.
- An archive (`.zip`, `.tar.gz`, `.tgz` or `.tar`, in any case: `alice.ZIP`) is unpacked into the
  staging folder; its name without the extension is the learner id.
- Either must hold session folders (`01-relu-backprop/`) directly or under one top folder
  (`alice/01-relu-backprop/`). Only names are looked at here; the grader opens each exercises.py
  itself, without following links.

Archives are bounded before and while they are read: the file's own size, the number of entries,
the bytes unpacked, the length of member names and, for tar, the bytes read from the decompressed
stream (a small .tar.gz can claim gigabytes of header data). Links, devices, absolute paths and
paths outside the target are refused (for tar by Python's `data` extraction filter); nothing is
written through a link or outside the target. A bad archive costs only that learner.

Every name that reaches a message is passed through `shown`, so a file name with a newline or an
escape code cannot write to the organizer's terminal.
"""

from __future__ import annotations

import gzip
import os
import re
import shutil
import stat
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from kit.errors import KitError

LEARNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$")
ARCHIVES = (".tar.gz", ".tgz", ".tar", ".zip")   # longest match first; compared case-insensitively
MAX_ARCHIVE = 20 * 2**20      # the archive file itself, checked before it is opened
MAX_BYTES = 20 * 2**20        # all members unpacked, together
MAX_FILES = 2000              # entries, folders included
MAX_NAME = 512                # characters in one member's path
# What a tar may take from its decompressed stream: the members' data plus headers, long-name and
# pax records (a few KiB per member at most with names under MAX_NAME).
MAX_STREAM = MAX_BYTES + MAX_FILES * 8192
IGNORED = "__MACOSX"          # macOS zip resource forks: not a learner's top folder


@dataclass
class Submission:
    learner: str
    folder: Path | None      # holds session folders (01-relu-backprop/) directly
    problem: str = ""        # why it cannot be graded: one line, names escaped


class UnsafeArchive(Exception):
    """An archive refused: the message is printable and says which entry and why."""


def shown(name: str, limit: int = 120) -> str:
    """`name` quoted for a message: control characters, newlines, escape codes and undecodable
    bytes escaped as Python's repr does; long names cut."""
    text = "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"'{text}'"


def _plain(text: str) -> str:
    """`shown` without the quotes, for text that is not a name (an OS error, an invalid id)."""
    return shown(text)[1:-1]


def archive_ext(name: str) -> str:
    """The archive extension `name` ends with (any case), or ""."""
    lower = name.lower()
    return next((ext for ext in ARCHIVES if lower.endswith(ext) and len(name) > len(ext)), "")


def collect(submissions: Path, staging: Path, session_names: list[str]) -> list[Submission]:
    """One Submission per learner found in `submissions`, archives unpacked under `staging`."""
    if not submissions.is_dir():
        raise KitError(f"submissions folder {shown(str(submissions))} does not exist; pass a folder with one folder "
                       f"(or .zip / .tar.gz) per learner, e.g. submissions/alice/01-relu-backprop/exercises.py")
    try:
        with os.scandir(submissions) as it:
            names = sorted(e.name for e in it if not e.name.startswith("."))
    except OSError as err:
        raise KitError(f"cannot list {shown(str(submissions))} ({_plain(err.strerror or str(err))}); "
                       f"check its permissions") from None

    # Who is who first, so that two entries for one learner are caught before anything is unpacked.
    claims: dict[str, list[str]] = {}
    for name in names:
        learner = _learner_of(submissions / name, name)
        claims.setdefault(learner, []).append(name)

    found = []
    for learner, entries in claims.items():
        if len(entries) > 1:
            listed = ", ".join(shown(e) for e in entries)
            found.append(Submission(learner, None, f"two submissions for {learner} ({listed}); keep one and grade again"))
        else:
            found.append(_one(submissions / entries[0], entries[0], learner, staging, session_names))
    return found


def _learner_of(path: Path, name: str) -> str:
    """The learner id an entry claims: a folder's name, an archive's name without its extension."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        mode = 0
    ext = "" if stat.S_ISDIR(mode) else archive_ext(name)
    learner = name[: -len(ext)] if ext else name
    return learner if LEARNER_ID.match(learner) else _plain(learner)


def _one(path: Path, name: str, learner: str, staging: Path, session_names: list[str]) -> Submission:
    def problem(text: str) -> Submission:
        return Submission(learner, None, text)

    entry = shown(name)
    try:
        info = path.lstat()
    except OSError as err:
        return problem(f"{entry} cannot be read ({_plain(err.strerror or str(err))}); check its permissions")
    if stat.S_ISLNK(info.st_mode):
        kind = "archive" if archive_ext(name) else "folder"
        return problem(f"{entry} is a link; copy the real {kind} in (links are not followed)")
    is_dir = stat.S_ISDIR(info.st_mode)
    if not is_dir and not stat.S_ISREG(info.st_mode):
        return problem(f"{entry} is not a folder or a regular file; remove it and put the learner's folder "
                       f"or archive (.zip, .tar.gz, .tgz, .tar) there")
    if not is_dir and not archive_ext(name):
        return problem(f"{entry} is a file but not an archive (.zip, .tar.gz, .tgz, .tar); send it as a folder "
                       f"or one of those, named after the learner (alice.zip)")
    if not LEARNER_ID.match(learner):
        return problem(f"{entry} does not give a usable learner id (a letter or digit, then letters, digits, "
                       f". _ - @ +; at most 64 characters); rename it")

    if is_dir:
        root, why = session_root(path, session_names)
        if root is None:
            return problem(f"{entry} {why}; {_expected(learner + '/', session_names)}")
        return Submission(learner, root)

    if info.st_size > MAX_ARCHIVE:      # before opening it; unpack checks again on what it opened
        return problem(f"{entry} is {info.st_size / 2**20:.1f} MiB, above the cap of {MAX_ARCHIVE >> 20} MiB for an "
                       f"archive; ask {learner} to send only the session folders")
    target = staging / learner
    shutil.rmtree(target, ignore_errors=True)
    try:
        unpack(path, target)
        root, why = session_root(target, session_names)
    except Exception as err:  # noqa: BLE001 - any parser error on untrusted bytes is a bad archive
        shutil.rmtree(target, ignore_errors=True)
        reason = str(err) if isinstance(err, UnsafeArchive) else _plain(str(err) or type(err).__name__)
        return problem(f"{entry} cannot be unpacked ({reason}); ask {learner} to send it again")
    if root is None:
        shutil.rmtree(target, ignore_errors=True)
        return problem(f"{entry} {why}; {_expected('', session_names)} inside it, or under one top folder "
                       f"({learner}/…); ask {learner} to send it again")
    return Submission(learner, root)


def _expected(prefix: str, session_names: list[str]) -> str:
    example = session_names[0] if session_names else "01-slug"
    return f"expected {prefix}{example}/exercises.py"


def session_root(folder: Path, session_names: list[str]) -> tuple[Path | None, str]:
    """Where the session folders are: `folder` itself, or its one top folder (alice.zip may hold
    alice/01-…/ or 01-…/). Returns (root, "") or (None, what is wrong). Names only; no link is
    followed: a session folder that is a link is refused, since a link to a folder would let a
    learner hand in the references or another learner's work."""
    children, why = _listing(folder)
    if children is None:
        return None, why
    found, why = _sessions_in(children, session_names)
    if found or why:
        return (folder if found else None), why
    tops = [c for c in children if c.name != IGNORED]
    if len(tops) == 1 and tops[0].is_dir(follow_symlinks=False):
        top = Path(tops[0].path)
        inner, why = _listing(top)
        if inner is None:
            return None, why
        found, why = _sessions_in(inner, session_names)
        if found or why:
            return (top if found else None), why
        return None, f"holds no session folder (inside {shown(tops[0].name)}: {_some(inner)})"
    return None, f"holds no session folder ({_some(children)})"


def _sessions_in(children: list[os.DirEntry], session_names: list[str]) -> tuple[bool, str]:
    wanted = set(session_names)
    for child in children:
        if child.name in wanted and child.is_symlink():
            return False, f"has {shown(child.name)} as a link; copy the real folder in"
    return any(c.name in wanted and c.is_dir(follow_symlinks=False) for c in children), ""


def _some(children: list[os.DirEntry]) -> str:
    if not children:
        return "it is empty"
    return "found " + ", ".join(shown(c.name, 40) for c in children[:3]) + (", …" if len(children) > 3 else "")


def _listing(folder: Path) -> tuple[list[os.DirEntry] | None, str]:
    try:
        with os.scandir(folder) as it:
            return sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name), ""
    except OSError as err:
        return None, f"cannot be listed ({_plain(err.strerror or str(err))})"


# --- unpacking ---------------------------------------------------------------------------------


def unpack(archive: Path, target: Path) -> None:
    """Unpack `archive` (a regular file, not followed if a link) into the new folder `target`."""
    fd = os.open(archive, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as raw:
        info = os.fstat(raw.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise UnsafeArchive("not a regular file")
        if info.st_size > MAX_ARCHIVE:
            raise UnsafeArchive(f"{info.st_size >> 20} MiB, above the cap of {MAX_ARCHIVE >> 20} MiB")
        target.mkdir(parents=True)
        if archive_ext(archive.name) == ".zip":
            _unpack_zip(raw, target)
        else:
            _unpack_tar(raw, target)


class _Budget:
    """Counts entries and bytes across one archive; refuses past the caps."""

    def __init__(self):
        self.files, self.bytes = 0, 0

    def take(self, name: str, size: int) -> None:
        if len(name) > MAX_NAME:
            raise UnsafeArchive(f"entry {shown(name, 60)} has a name of {len(name)} characters, above {MAX_NAME}")
        self.files += 1
        self.bytes += max(size, 0)
        if self.files > MAX_FILES:
            raise UnsafeArchive(f"more than {MAX_FILES} entries")
        if self.bytes > MAX_BYTES:
            raise UnsafeArchive(f"more than {MAX_BYTES >> 20} MiB unpacked")


def _unpack_zip(raw, target: Path) -> None:
    # The end record says how many entries the central directory holds: check it before
    # ZipFile builds an object per entry (20 MiB of empty entries is 250 000 of them).
    end = zipfile._EndRecData(raw)
    if not end:
        raise UnsafeArchive("not a zip file")
    if end[zipfile._ECD_ENTRIES_TOTAL] > MAX_FILES:
        raise UnsafeArchive(f"more than {MAX_FILES} entries")
    # ZipFile reads the directory by its size, not its count (a count can lie): bound the size too.
    if end[zipfile._ECD_SIZE] > MAX_FILES * (46 + 2 * MAX_NAME):
        raise UnsafeArchive(f"a zip directory of {end[zipfile._ECD_SIZE] >> 10} KiB, too large for {MAX_FILES} entries")
    raw.seek(0)
    budget = _Budget()
    with zipfile.ZipFile(raw) as zf:
        members = zf.infolist()
        for info in members:                     # everything checked before anything is written
            budget.take(info.filename, info.file_size)
            _zip_path(info)
        for info in members:
            dest = target.joinpath(*_zip_path(info).parts)
            if info.is_dir():
                dest.mkdir(parents=True, exist_ok=True)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
            with zf.open(info) as src, os.fdopen(os.open(dest, flags, 0o644), "wb") as out:
                _copy_capped(src, out, info)


def _zip_path(info: zipfile.ZipInfo) -> PurePosixPath:
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise UnsafeArchive(f"entry {shown(name)} is a link")
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise UnsafeArchive(f"entry {shown(name)} is a device or another special file")
    if info.flag_bits & 0x1:
        raise UnsafeArchive(f"entry {shown(name)} is encrypted; send it without a password")
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or re.match(r"^[A-Za-z]:", name):
        raise UnsafeArchive(f"entry {shown(name)} has an absolute path, outside the folder")
    if ".." in path.parts:
        raise UnsafeArchive(f"entry {shown(name)} points outside the folder")
    if not path.parts:
        raise UnsafeArchive(f"entry {shown(name)} has no name")
    return path


def _copy_capped(src, out, info: zipfile.ZipInfo) -> None:
    """Copy one member, refusing it if it yields more than it declares (the declared sizes are what
    the budget counted)."""
    left = info.file_size
    while chunk := src.read(min(1 << 16, left + 1)):
        left -= len(chunk)
        if left < 0:
            raise UnsafeArchive(f"entry {shown(info.filename)} holds more than the {info.file_size} bytes it declares")
        out.write(chunk)
    if left > 0:
        raise UnsafeArchive(f"entry {shown(info.filename)} holds less than the {info.file_size} bytes it declares")


class _CappedReader:
    """A read-only stream that raises once more than `cap` bytes have been read through it."""

    def __init__(self, stream, cap: int):
        self.stream, self.cap, self.count = stream, cap, 0

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0 or size > self.cap - self.count + 1:
            size = self.cap - self.count + 1
        data = self.stream.read(size)
        self.count += len(data)
        if self.count > self.cap:
            raise UnsafeArchive(f"more than {MAX_STREAM >> 20} MiB of tar data once decompressed")
        return data


def _unpack_tar(raw, target: Path) -> None:
    # Streaming mode ("r|"): one member at a time, nothing kept but what tarfile lists; the capped
    # reader bounds every read tarfile makes, long-name and pax records included. Compression is
    # told by its magic bytes, so a .tar that is gzipped (or a .tgz that is not) still unpacks.
    gzipped = os.pread(raw.fileno(), 2, 0) == b"\x1f\x8b"
    stream = gzip.GzipFile(fileobj=raw, mode="rb") if gzipped else raw
    budget = _Budget()
    dest = str(target)

    def admit(member: tarfile.TarInfo, path: str) -> tarfile.TarInfo:
        budget.take(member.name, member.size if member.isreg() else 0)
        if member.issym() or member.islnk():
            raise UnsafeArchive(f"entry {shown(member.name)} is a link")
        if member.issparse():
            raise UnsafeArchive(f"entry {shown(member.name)} is a sparse file")
        try:
            # Python's data filter: refuses devices and other special files and any path that
            # would land outside `path`; it strips a leading "/", which we refuse instead.
            safe = tarfile.data_filter(member, path)
        except tarfile.SpecialFileError:
            raise UnsafeArchive(f"entry {shown(member.name)} is a device or another special file") from None
        except tarfile.FilterError:
            raise UnsafeArchive(f"entry {shown(member.name)} points outside the folder") from None
        if safe.name != member.name:
            raise UnsafeArchive(f"entry {shown(member.name)} has an absolute path, outside the folder")
        return safe

    with tarfile.open(fileobj=_CappedReader(stream, MAX_STREAM), mode="r|", errorlevel=2) as tf:
        for member in tf:
            tf.extract(member, dest, filter=admit)
