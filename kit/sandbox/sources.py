"""Reading a learner's exercises.py without trusting the path: no links, regular files, capped.

The grader opens every component below the learner's folder with O_NOFOLLOW, so a submitted
exercises.py (or session folder) that links to solutions/ or to another learner's work is refused,
a FIFO cannot hang it and /dev/zero cannot fill its memory. Bytes are decoded as Python decodes
source (a UTF-8 byte-order mark or a coding cookie is honoured).
"""

from __future__ import annotations

import io
import os
import stat
import tokenize
from pathlib import Path

MAX_SOURCE = 2**20


class Unusable(Exception):
    """The file cannot be graded; `state` is "missing_file" or "unreadable"."""

    def __init__(self, state: str, message: str):
        super().__init__(message)
        self.state, self.message = state, message


def read_source(path: Path, root: Path | None = None) -> str:
    """The text of `path`, walking from `root` (default: its folder) without following links."""
    root = root or path.parent
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        root, parts = path.parent, (path.name,)
    flags = os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW
    try:
        fd = os.open(root, os.O_RDONLY | os.O_CLOEXEC | os.O_DIRECTORY)   # the caller resolved it
    except FileNotFoundError:
        raise Unusable("missing_file", "no exercises.py") from None
    except OSError as err:
        raise Unusable("unreadable", f"the learner's folder cannot be opened ({err.strerror})") from None
    try:
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            try:
                nxt = os.open(part, flags | (os.O_NONBLOCK if last else os.O_DIRECTORY), dir_fd=fd)
            except FileNotFoundError:
                raise Unusable("missing_file", "no exercises.py") from None
            except OSError as err:
                what = "exercises.py" if last else f"the folder {part}"
                if err.errno in (40, 20):   # ELOOP (a link), ENOTDIR (a link or a file)
                    raise Unusable("unreadable", f"{what} is a link or not a regular file; hand in the file itself") from None
                raise Unusable("unreadable", f"{what} cannot be opened ({err.strerror})") from None
            os.close(fd)
            fd = nxt
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unusable("unreadable", "exercises.py is not a regular file (a FIFO, a device?); hand in the file itself")
        if info.st_size > MAX_SOURCE:
            raise Unusable("unreadable", f"exercises.py is {info.st_size >> 10} KiB, over the {MAX_SOURCE >> 20} MiB cap")
        data = os.read(fd, MAX_SOURCE + 1)
        while len(data) <= MAX_SOURCE and (more := os.read(fd, MAX_SOURCE + 1 - len(data))):
            data += more
        if len(data) > MAX_SOURCE:
            raise Unusable("unreadable", f"exercises.py is over the {MAX_SOURCE >> 20} MiB cap")
    finally:
        os.close(fd)
    return decode(data)


def decode(data: bytes) -> str:
    """As Python decodes a source file: a BOM or a coding cookie, else UTF-8."""
    try:
        encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        text = data.decode(encoding)
    except (SyntaxError, LookupError, UnicodeDecodeError) as err:
        raise Unusable("unreadable", f"exercises.py is not readable as Python source ({err}); save it as UTF-8 text") from None
    return text[1:] if text.startswith("\ufeff") else text
