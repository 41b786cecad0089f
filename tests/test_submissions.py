"""Collecting a group's submissions: every entry ends graded or named in one printable line, and
archives are unpacked within bounds, never through a link or outside the staging folder."""

from __future__ import annotations

import gzip
import io
import os
import signal
import stat
import struct
import tarfile
import tracemalloc
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

from kit import submissions as subs_mod
from kit.errors import KitError
from kit.submissions import collect, shown

S01, S02 = "01-relu-backprop", "02-linear-layer"
NAMES = [S01, S02]
SOURCE = b"def relu_forward(x):\n    return x\n"


@pytest.fixture
def folders(tmp_path):
    subs, staging = tmp_path / "subs", tmp_path / "staging"
    subs.mkdir()
    staging.mkdir()
    return subs, staging


@contextmanager
def deadline(seconds=10):
    """Turn a hang (say, opening a FIFO) into a failure instead of a stuck test run."""
    def expired(*_):
        raise TimeoutError("collect did not return")
    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def run(subs, staging, names=NAMES):
    with deadline():
        found = collect(subs, staging, names)
    return {s.learner: s for s in found}


def learner_folder(base: Path, name: str, sessions=(S01,)) -> Path:
    for session in sessions:
        (base / name / session).mkdir(parents=True)
        (base / name / session / "exercises.py").write_bytes(SOURCE)
    return base / name


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def tar_bytes(members: list[tarfile.TarInfo | tuple[str, bytes]], mode="w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode, format=tarfile.GNU_FORMAT) as tf:
        for member in members:
            if isinstance(member, tarfile.TarInfo):
                tf.addfile(member)
            else:
                info = tarfile.TarInfo(member[0])
                info.size = len(member[1])
                tf.addfile(info, io.BytesIO(member[1]))
    return buf.getvalue()


def staged_files(staging: Path) -> list[Path]:
    return [p for p in staging.rglob("*") if p.is_file()]


# --- what is accepted ----------------------------------------------------------------------


@pytest.mark.parametrize("name,writer", [
    pytest.param("bob.zip", "zip", id="zip"),
    pytest.param("bob.ZIP", "zip", id="zip-upper-case"),
    pytest.param("bob.tar.gz", "w:gz", id="tar-gz"),
    pytest.param("bob.TAR.GZ", "w:gz", id="tar-gz-upper-case"),
    pytest.param("bob.tgz", "w:gz", id="tgz"),
    pytest.param("bob.tar", "w", id="plain-tar"),
    pytest.param("bob.Tar", "w:gz", id="tar-that-is-gzipped"),
])
@pytest.mark.parametrize("top", ["", "bob/"], ids=["sessions-at-top", "one-top-folder"])
def test_collect_unpacks_each_archive_kind(folders, name, writer, top):
    subs, staging = folders
    members = {f"{top}{S01}/exercises.py": SOURCE, f"{top}{S02}/exercises.py": SOURCE}
    if writer == "zip":
        make_zip(subs / name, members)
    else:
        (subs / name).write_bytes(tar_bytes(list(members.items()), writer))
    found = run(subs, staging)
    assert list(found) == ["bob"]
    bob = found["bob"]
    assert not bob.problem and bob.folder is not None
    assert staging in bob.folder.parents
    assert (bob.folder / S01 / "exercises.py").read_bytes() == SOURCE
    assert (bob.folder / S02 / "exercises.py").read_bytes() == SOURCE


def test_collect_takes_folders_in_place_and_skips_hidden_entries(folders):
    subs, staging = folders
    alice = learner_folder(subs, "alice")
    nested = learner_folder(subs / "carol", "handin", sessions=(S02,))
    (subs / ".DS_Store").write_bytes(b"junk")
    (subs / ".git").mkdir()
    found = run(subs, staging)
    assert sorted(found) == ["alice", "carol"]
    assert found["alice"].folder == alice and not found["alice"].problem
    assert found["carol"].folder == nested and not found["carol"].problem
    assert not any(staging.iterdir())


def test_collect_keeps_the_existing_learner_id_rule(folders):
    subs, staging = folders
    learner_folder(subs, "a.b_c-d@e+f")
    learner_folder(subs, "-dash-first")
    learner_folder(subs, "x" * 65)
    found = run(subs, staging)
    assert not found["a.b_c-d@e+f"].problem
    assert "learner id" in found["-dash-first"].problem
    assert "learner id" in found["x" * 65].problem


def test_collect_missing_folder_is_a_kit_error(tmp_path):
    with pytest.raises(KitError, match="does not exist"):
        collect(tmp_path / "nope", tmp_path, NAMES)


# --- nobody is dropped silently --------------------------------------------------------------


def test_symlinked_learner_folder_is_named_not_followed(folders, tmp_path):
    subs, staging = folders
    real = learner_folder(tmp_path, "elsewhere")
    (subs / "alice").symlink_to(real, target_is_directory=True)
    found = run(subs, staging)
    assert found["alice"].folder is None
    assert "is a link" in found["alice"].problem and "copy the real folder in" in found["alice"].problem


def test_symlinked_archive_is_named_not_opened(folders, tmp_path):
    subs, staging = folders
    real = make_zip(tmp_path / "real.zip", {f"{S01}/exercises.py": SOURCE})
    (subs / "alice.zip").symlink_to(real)
    found = run(subs, staging)
    assert found["alice"].folder is None and "is a link" in found["alice"].problem
    assert not staged_files(staging)


def test_fifo_entry_is_named_without_opening_it(folders):
    subs, staging = folders
    os.mkfifo(subs / "alice.zip")     # opening it for reading would block forever
    os.mkfifo(subs / "pipe")
    found = run(subs, staging)
    assert found["alice"].folder is None and "not a folder or a regular file" in found["alice"].problem
    assert found["pipe"].folder is None and "not a folder or a regular file" in found["pipe"].problem


def test_plain_file_that_is_not_an_archive_is_named(folders):
    subs, staging = folders
    (subs / "notes.txt").write_text("hello")
    (subs / "alice.rar").write_bytes(b"Rar!")
    found = run(subs, staging)
    for learner in ("notes.txt", "alice.rar"):
        assert found[learner].folder is None
        assert "not an archive" in found[learner].problem and ".tar.gz" in found[learner].problem


def test_folder_with_wrong_layout_says_which_layout_is_expected(folders):
    subs, staging = folders
    (subs / "alice" / "week1").mkdir(parents=True)
    (subs / "alice" / "week1" / "exercises.py").write_bytes(SOURCE)
    (subs / "bob" / "a" / "c").mkdir(parents=True)      # one top folder, sessions not in it either
    (subs / "empty").mkdir()
    found = run(subs, staging)
    alice = found["alice"]
    assert alice.folder is None
    assert "no session folder" in alice.problem and "'week1'" in alice.problem
    assert f"expected alice/{S01}/exercises.py" in alice.problem
    assert "inside 'a'" in found["bob"].problem and found["bob"].folder is None
    assert "empty" in found["empty"].problem and found["empty"].folder is None


def test_session_folder_of_another_course_is_not_a_layout(folders):
    subs, staging = folders
    learner_folder(subs, "alice", sessions=("07-other-course",))
    found = run(subs, staging)
    assert found["alice"].folder is None and "no session folder" in found["alice"].problem


def test_archive_with_wrong_layout_is_named(folders):
    subs, staging = folders
    make_zip(subs / "alice.zip", {"homework/week1.py": SOURCE, "readme.txt": b"hi"})
    found = run(subs, staging)
    assert found["alice"].folder is None
    assert "no session folder" in found["alice"].problem and f"{S01}/exercises.py" in found["alice"].problem
    assert not (staging / "alice").exists()


def test_linked_session_folder_is_refused(folders, tmp_path):
    subs, staging = folders
    solutions = learner_folder(tmp_path, "solutions")
    (subs / "alice").mkdir()
    (subs / "alice" / S01).symlink_to(solutions / S01, target_is_directory=True)
    found = run(subs, staging)
    assert found["alice"].folder is None and "as a link" in found["alice"].problem


def test_two_submissions_for_one_learner(folders):
    subs, staging = folders
    learner_folder(subs, "alice")
    make_zip(subs / "alice.zip", {f"{S01}/exercises.py": SOURCE})
    make_zip(subs / "bob.zip", {f"{S01}/exercises.py": SOURCE})
    (subs / "bob.tar.gz").write_bytes(tar_bytes([(f"{S01}/exercises.py", SOURCE)], "w:gz"))
    found = run(subs, staging)
    assert sorted(found) == ["alice", "bob"]
    assert found["alice"].folder is None and "two submissions for alice" in found["alice"].problem
    assert "'alice'" in found["alice"].problem and "'alice.zip'" in found["alice"].problem
    assert found["bob"].folder is None and "two submissions for bob" in found["bob"].problem
    assert not staged_files(staging)


def test_a_bad_archive_costs_only_its_learner(folders):
    subs, staging = folders
    (subs / "broken.zip").write_bytes(b"not a zip at all")
    (subs / "broken2.tar.gz").write_bytes(b"\x1f\x8bnot gzip either")
    make_zip(subs / "good.zip", {f"{S01}/exercises.py": SOURCE})
    learner_folder(subs, "fine")
    found = run(subs, staging)
    assert "send it again" in found["broken"].problem and "send it again" in found["broken2"].problem
    assert not found["good"].problem and not found["fine"].problem


# --- printable names -------------------------------------------------------------------------


def test_names_with_newline_and_escape_codes_are_escaped(folders):
    subs, staging = folders
    evil = "al\nice\x1b[2J\x1b]0;pwned\x07"
    learner_folder(subs, evil)
    (subs / f"bo\rb\x1b[31m.zip").write_bytes(b"junk")
    make_zip(subs / "carol.zip", {"../\x1b[2Jescape\n.py": SOURCE})
    found = run(subs, staging)
    assert len(found) == 3
    for sub in found.values():
        assert sub.problem and sub.folder is None
        for text in (sub.learner, sub.problem):
            assert all(c.isprintable() for c in text), repr(text)
    problems = " ".join(s.problem for s in found.values())
    assert r"al\nice\x1b[2J\x1b]0;pwned\x07" in problems
    assert r"bo\rb\x1b[31m.zip" in problems
    assert r"\x1b[2Jescape\n.py" in problems


def test_undecodable_file_name_is_escaped(folders):
    subs, staging = folders
    os.mkdir(os.path.join(os.fsencode(subs), b"bad\xff\x1bname"))
    found = run(subs, staging)
    (sub,) = found.values()
    assert sub.folder is None
    assert all(c.isprintable() for c in sub.problem + sub.learner)
    assert r"\udcff\x1bname" in sub.problem
    sub.problem.encode("utf-8")    # prints on any UTF-8 terminal without UnicodeEncodeError


# --- archives that try to escape -------------------------------------------------------------


@pytest.mark.parametrize("member,says", [
    pytest.param(f"../../escaped/{S01}/exercises.py", "outside", id="dot-dot"),
    pytest.param(f"/tmp/escaped/{S01}/exercises.py", "absolute", id="absolute"),
    pytest.param(f"..\\..\\escaped\\{S01}\\exercises.py", "outside", id="backslashes"),
])
def test_zip_member_outside_the_folder_is_refused(folders, tmp_path, member, says):
    subs, staging = folders
    make_zip(subs / "mallory.zip", {f"{S01}/exercises.py": SOURCE, member: SOURCE})
    found = run(subs, staging)
    assert found["mallory"].folder is None and says in found["mallory"].problem
    assert not (tmp_path / "escaped").exists() and not staged_files(staging)


def test_zip_symlink_member_is_refused(folders):
    subs, staging = folders
    with zipfile.ZipFile(subs / "linky.zip", "w") as zf:
        info = zipfile.ZipInfo(f"{S01}/exercises.py")
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(info, "/etc/passwd")
    found = run(subs, staging)
    assert found["linky"].folder is None and "is a link" in found["linky"].problem
    assert not staged_files(staging)


@pytest.mark.parametrize("kind,linkname,says", [
    pytest.param(tarfile.SYMTYPE, "/etc/passwd", "link", id="symlink-absolute"),
    pytest.param(tarfile.SYMTYPE, "other.py", "link", id="symlink-inside"),
    pytest.param(tarfile.LNKTYPE, f"{S01}/real.py", "link", id="hard-link"),
    pytest.param(tarfile.CHRTYPE, "", "device", id="character-device"),
    pytest.param(tarfile.FIFOTYPE, "", "special", id="fifo"),
])
def test_tar_link_or_device_member_is_refused(folders, kind, linkname, says):
    subs, staging = folders
    member = tarfile.TarInfo(f"{S01}/exercises.py")
    member.type, member.linkname = kind, linkname
    (subs / "linky.tar.gz").write_bytes(tar_bytes([(f"{S01}/real.py", SOURCE), member], "w:gz"))
    found = run(subs, staging)
    assert found["linky"].folder is None and says in found["linky"].problem
    assert not (staging / "linky").exists()


@pytest.mark.parametrize("name,says", [
    pytest.param(f"../escaped/{S01}/exercises.py", "outside", id="dot-dot"),
    pytest.param(f"/escaped/{S01}/exercises.py", "absolute", id="absolute"),
])
def test_tar_member_outside_the_folder_is_refused(folders, tmp_path, name, says):
    subs, staging = folders
    (subs / "mallory.tar").write_bytes(tar_bytes([(name, SOURCE)]))
    found = run(subs, staging)
    assert found["mallory"].folder is None and says in found["mallory"].problem
    assert not (tmp_path / "escaped").exists() and not (staging / "escaped").exists()


# --- archives that try to exhaust memory, disk or time -----------------------------------------


def peak_of(fn):
    tracemalloc.start()
    try:
        result = fn()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def repeated_gzip(unit: bytes, times: int, tail: bytes = b"") -> bytes:
    """A gzip stream that expands to unit * times + tail, built from one compressed member
    repeated (concatenated gzip members are one valid stream): small on disk, huge unpacked."""
    return gzip.compress(unit, 9) * times + gzip.compress(tail, 9)


def test_tar_gz_of_many_long_gnu_names_is_bounded(folders):
    subs, staging = folders
    member = tarfile.TarInfo("n" * 64 * 1024)
    unit = member.tobuf(format=tarfile.GNU_FORMAT)     # a GNU long-name record, then the header
    assert unit[156:157] == tarfile.GNUTYPE_LONGNAME
    batch = (1 << 20) // len(unit)                     # compress ~1 MiB once, repeat it
    data = repeated_gzip(unit * batch, 24_000 // batch, b"\0" * 1024)
    assert len(data) < subs_mod.MAX_ARCHIVE and len(unit) * 24_000 > 2**30   # opened, and 1.5 GiB inside
    (subs / "bomb.tar.gz").write_bytes(data)
    found, peak = peak_of(lambda: run(subs, staging))
    assert found["bomb"].folder is None and "characters, above" in found["bomb"].problem
    assert peak < 200 * 2**20, f"peak {peak >> 20} MiB"
    assert not (staging / "bomb").exists()


def test_tar_gz_with_one_huge_long_name_record_is_bounded(folders):
    subs, staging = folders
    # One GNU long-name header that claims 1 GiB of name, and the zeros to back the claim.
    header = tarfile.TarInfo("././@LongLink")
    header.type, header.size = tarfile.GNUTYPE_LONGNAME, 2**30
    head = header.tobuf(format=tarfile.USTAR_FORMAT)
    data = gzip.compress(head) + repeated_gzip(b"n" * 2**20, 1024)
    (subs / "bomb.tgz").write_bytes(data)
    found, peak = peak_of(lambda: run(subs, staging))
    assert found["bomb"].folder is None and "decompressed" in found["bomb"].problem
    assert peak < 200 * 2**20, f"peak {peak >> 20} MiB"


def test_zip_bomb_with_honest_sizes_is_refused_before_unpacking(folders):
    subs, staging = folders
    with zipfile.ZipFile(subs / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{S01}/exercises.py", SOURCE)
        zf.writestr(f"{S01}/zeros.bin", bytes(64 * 2**20))
    assert (subs / "bomb.zip").stat().st_size < 2**20
    found, peak = peak_of(lambda: run(subs, staging))
    assert found["bomb"].folder is None and "MiB unpacked" in found["bomb"].problem
    assert not staged_files(staging)
    assert peak < 200 * 2**20


def test_zip_bomb_that_understates_its_size_is_cut_at_the_declared_size(folders):
    subs, staging = folders
    big = bytes(32 * 2**20)
    path = make_zip(subs / "liar.zip", {f"{S01}/exercises.py": SOURCE, f"{S01}/zeros.bin": big})
    raw = bytearray(path.read_bytes())
    # Declare 100 bytes in both the local header and the central directory entry of zeros.bin.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = -1
        while (at := raw.find(signature, at + 1)) >= 0:
            size = struct.unpack_from("<I", raw, at + offset)[0]
            if size == len(big):
                struct.pack_into("<I", raw, at + offset, 100)
    path.write_bytes(bytes(raw))
    found, peak = peak_of(lambda: run(subs, staging))
    liar = found["liar"]
    assert liar.folder is None and liar.problem        # the CRC no longer matches what is read
    assert not staged_files(staging)
    assert peak < 200 * 2**20


def test_copy_refuses_a_member_that_yields_more_than_it_declares():
    info = zipfile.ZipInfo("x")
    info.file_size = 10
    with pytest.raises(subs_mod.UnsafeArchive, match="more than the 10 bytes"):
        subs_mod._copy_capped(io.BytesIO(bytes(11)), io.BytesIO(), info)
    with pytest.raises(subs_mod.UnsafeArchive, match="less than the 10 bytes"):
        subs_mod._copy_capped(io.BytesIO(bytes(9)), io.BytesIO(), info)


def test_zip_with_too_many_entries_is_refused(folders):
    subs, staging = folders
    make_zip(subs / "many.zip", {f"{S01}/f{i}": b"" for i in range(subs_mod.MAX_FILES + 1)})
    found = run(subs, staging)
    assert found["many"].folder is None and f"more than {subs_mod.MAX_FILES} entries" in found["many"].problem
    assert not (staging / "many").exists()


def test_zip_whose_end_record_understates_its_entries_is_refused(folders):
    subs, staging = folders
    path = make_zip(subs / "many.zip", {f"{S01}/f{i}": b"" for i in range(subs_mod.MAX_FILES + 1)})
    raw = bytearray(path.read_bytes())
    end = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", raw, end + 8, 1, 1)       # entries on this disk, entries in total
    path.write_bytes(bytes(raw))
    found = run(subs, staging)
    assert found["many"].folder is None and f"more than {subs_mod.MAX_FILES} entries" in found["many"].problem


def test_zip_directory_too_large_for_the_entry_cap_is_refused(folders):
    subs, staging = folders
    # A directory larger than MAX_FILES entries of the longest names can be, behind a count of 1:
    # ZipFile reads a directory by its size, and would build an object for every entry in it.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(subs_mod.MAX_FILES + 100):
            zf.writestr(f"{i:04}".ljust(2 * subs_mod.MAX_NAME + 1, "x"), b"")
    raw = bytearray(buf.getvalue())
    end = raw.rfind(b"PK\x05\x06")
    struct.pack_into("<HH", raw, end + 8, 1, 1)
    (subs / "huge.zip").write_bytes(bytes(raw))
    found, peak = peak_of(lambda: run(subs, staging))
    assert found["huge"].folder is None and "zip directory" in found["huge"].problem
    assert peak < 20 * 2**20


def test_tar_with_too_many_entries_is_refused(folders):
    subs, staging = folders
    # Long GNU names under the name cap, one compressed block repeated: 1.5 GiB of headers.
    unit = tarfile.TarInfo(("d" * 99 + "/") * 4).tobuf(format=tarfile.GNU_FORMAT)
    batch = (1 << 20) // len(unit)
    (subs / "many.tar").write_bytes(repeated_gzip(unit * batch, 1_000_000 // batch))
    found = run(subs, staging)
    assert found["many"].folder is None and f"more than {subs_mod.MAX_FILES} entries" in found["many"].problem
    assert not (staging / "many").exists()


def test_archive_file_above_the_cap_is_refused_unopened(folders):
    subs, staging = folders
    with open(subs / "huge.zip", "wb") as f:     # sparse: costs no disk
        f.truncate(subs_mod.MAX_ARCHIVE + 1)
    found = run(subs, staging)
    assert found["huge"].folder is None and "above the cap" in found["huge"].problem


def test_capped_reader_raises_past_its_cap():
    reader = subs_mod._CappedReader(io.BytesIO(bytes(100)), 50)
    assert len(reader.read(50)) == 50
    with pytest.raises(subs_mod.UnsafeArchive):
        reader.read(10)
    unbounded = subs_mod._CappedReader(io.BytesIO(bytes(100)), 50)
    with pytest.raises(subs_mod.UnsafeArchive):
        unbounded.read()
