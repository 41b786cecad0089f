"""Confining learner processes: namespaces for a lane, then limits and Landlock for each learner.

What each mechanism guarantees (the README's "What the sandbox guarantees" lists it per platform):
- user + PID + network + IPC namespaces (Linux, unprivileged): the lane's init is PID 1, so killing
  it kills every process the learner started, `setsid` or not; no network interface but a down
  loopback; learner processes drop every capability.
- Landlock (Linux 5.13+; unprivileged): learner code may read only the Python installation and its
  own session folder, write only a scratch folder, connect nowhere, and signal no process outside.
- per learner, new IPC and mount namespaces: System V objects die with the learner; its scratch
  folder is a size-capped tmpfs that nobody else sees and that vanishes with the process.
- seccomp (kit/seccomp.py): no new processes, sockets, memfd or shared memory, io_uring.
- rlimits (POSIX): address space, CPU time, core files, file size, open files, processes.
- a minimal environment: the organizer's variables (tokens) never reach learner code.
Everything here runs in freshly forked children, before any learner code.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import site
import struct
import sys
from pathlib import Path

PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
CLONE_NEWUSER, CLONE_NEWPID, CLONE_NEWNET, CLONE_NEWIPC = 0x10000000, 0x20000000, 0x40000000, 0x08000000
CLONE_NEWNS = 0x00020000
MS_NOSUID, MS_NODEV, MS_NOEXEC, MS_REC, MS_PRIVATE = 2, 4, 8, 0x4000, 1 << 18

_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def die_with_parent() -> None:
    """SIGKILL this process when the process that forked it dies (Linux); a no-op elsewhere."""
    try:
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (AttributeError, OSError):
        pass


# ── namespaces (per lane) ─────────────────────────────────────────────────────
def enter_namespaces() -> bool:
    """New user, PID, network and IPC namespaces; the next child is PID 1. False if unavailable.

    Our uid inside is mapped by our parent (see map_ids), to the same uid outside."""
    if not sys.platform.startswith("linux"):
        return False
    return _libc.unshare(CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWIPC) == 0


def scrub_environment() -> None:
    """Forget the organizer's environment in this process (the zygote), before any lane exists.

    os.environ is emptied and the bytes of its values zeroed, and so is the block the kernel
    copied at exec (what /proc/self/environ shows): a learner cannot read a token there, even
    from raw memory."""
    data = getattr(os.environ, "_data", {})
    for value in list(data.values()):
        if isinstance(value, bytes) and len(value) > 1:   # 1-byte bytes are shared singletons
            ctypes.memset(ctypes.c_char_p(value), 0, len(value))
    os.environ.clear()
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        start, end = int(fields[47]), int(fields[48])   # env_start, env_end (fields 50, 51)
        if 0 < start < end:
            ctypes.memset(start, 0, end - start)
    except (OSError, IndexError, ValueError):
        pass


def minimal_environment(home: str) -> None:
    """What learner code sees in os.environ: nothing of the organizer's."""
    os.environ.clear()
    os.environ.update({"PATH": "/usr/bin:/bin", "HOME": home, "TMPDIR": home, "LANG": "C.UTF-8",
                       "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MPLCONFIGDIR": home,
                       "MPLBACKEND": "Agg", "PYTHONDONTWRITEBYTECODE": "1"})


def private_scratch(scratch: str, size_mb: int) -> bool:
    """Own IPC and mount namespaces, and a size-capped tmpfs over `scratch` (inside a lane only)."""
    if _libc.unshare(CLONE_NEWIPC | CLONE_NEWNS) != 0:
        return False
    _libc.mount(b"none", b"/", None, ctypes.c_ulong(MS_REC | MS_PRIVATE), None)
    options = f"size={size_mb}m,nr_inodes=4096,mode=0700".encode()
    return _libc.mount(b"tmpfs", scratch.encode(), b"tmpfs", ctypes.c_ulong(MS_NOSUID | MS_NODEV),
                       options) == 0


def inside_ids() -> tuple[int, int]:
    """The uid/gid a lane runs as: the organizer's own, mapped to itself.

    Not `nobody` for a root organizer: the Python installation may live where only its owner can
    read (pyenv under /root). Learner processes drop every capability instead, and Landlock, not
    file modes, decides what they may read."""
    return os.geteuid(), os.getegid()


def map_ids(pid: int) -> bool:
    """From outside: map the inside ids of `pid`'s new user namespace (only a parent may, as root)."""
    uid, gid = inside_ids()
    try:
        _write(f"/proc/{pid}/setgroups", "deny")
        _write(f"/proc/{pid}/uid_map", f"{uid} {uid} 1")
        _write(f"/proc/{pid}/gid_map", f"{gid} {gid} 1")
        return True
    except OSError:
        return False


SYS_CAPSET = {"x86_64": 126, "aarch64": 91}.get(os.uname().machine)


def drop_capabilities() -> None:
    """Clear every capability (a new user namespace grants them all inside it)."""
    number = SYS_CAPSET
    if number is None:
        return
    header = struct.pack("<Ii", 0x20080522, 0)
    data = bytes(24)
    _libc.syscall(number, ctypes.create_string_buffer(header, 8), ctypes.create_string_buffer(data, 24))


def _write(path: str, text: str) -> None:
    with open(path, "w") as handle:
        handle.write(text)


# ── limits (per learner process) ──────────────────────────────────────────────
def set_limits(*, memory_mb: int, cpu_seconds: int, output_bytes: int) -> None:
    def cap(which, soft, hard=None):
        """Lower a limit (never raise one: the inherited hard limit stays the ceiling)."""
        hard = soft if hard is None else hard
        try:
            _, ceiling = resource.getrlimit(which)
            if ceiling != resource.RLIM_INFINITY:
                soft, hard = min(soft, ceiling), min(hard, ceiling)
            resource.setrlimit(which, (soft, hard))
        except (ValueError, OSError):
            pass

    cap(resource.RLIMIT_AS, memory_mb * 2**20)
    cap(resource.RLIMIT_CPU, cpu_seconds, cpu_seconds + 1)   # SIGXCPU, then SIGKILL a second later
    cap(resource.RLIMIT_CORE, 0)                             # a segfault writes no core file
    cap(resource.RLIMIT_FSIZE, max(output_bytes, 1 << 20) * 16)
    cap(resource.RLIMIT_NOFILE, 256)
    if os.geteuid() != 0:                                    # ignored for root: no point pretending
        cap(resource.RLIMIT_NPROC, 64)


# ── Landlock (per learner process) ────────────────────────────────────────────
SYS_CREATE, SYS_ADD_RULE, SYS_RESTRICT = 444, 445, 446
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_FILE_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | (1 << 14) | (1 << 15)  # + truncate, ioctl_dev
READ = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR


def landlock_abi() -> int:
    if not sys.platform.startswith("linux"):
        return 0
    abi = _libc.syscall(SYS_CREATE, None, ctypes.c_size_t(0), ctypes.c_uint32(1))
    return max(int(abi), 0)


def _fs_rights(abi: int) -> int:
    bits = 13 + (abi >= 2) + (abi >= 3) + (abi >= 5)
    return (1 << bits) - 1 if abi < 5 else (1 << 16) - 1


_ROOTS: list[str] | None = None


def readable_roots(learner_dirs: list[str]) -> list[str]:
    """What learner code may read: the Python installation, the kit's code, its own folder."""
    global _ROOTS
    if _ROOTS is None:  # computed once per lane, not once per learner
        roots = {sys.base_prefix, sys.base_exec_prefix, sys.prefix, sys.exec_prefix,
                 str(Path(__file__).resolve().parent),
                 "/usr/lib", "/usr/lib64", "/usr/share/zoneinfo", "/lib", "/lib64", "/etc/ld.so.cache", "/etc/localtime"}
        roots.update(site.getsitepackages() + [site.getusersitepackages()])
        _ROOTS = sorted(r for r in roots if r and os.path.exists(r))
    return _ROOTS + list(learner_dirs)


def landlock(*, readable: list[str], writable: list[str], devices: list[str]) -> int:
    """Restrict this process (and its children) for good. Returns the ABI used, 0 if unavailable."""
    abi = landlock_abi()
    if abi < 1:
        return 0
    fs = _fs_rights(abi)
    net = 0b11 if abi >= 4 else 0          # bind and connect TCP: no rule, so denied
    scoped = 0b11 if abi >= 6 else 0       # abstract unix sockets and signals outside the domain
    attr = struct.pack("<QQQ", fs, net, scoped)[: 8 if abi < 4 else 16 if abi < 6 else 24]
    buf = ctypes.create_string_buffer(attr, len(attr))
    ruleset = _libc.syscall(SYS_CREATE, buf, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    if ruleset < 0:
        return 0
    try:
        for paths, rights in ((readable, READ), (writable, fs), (devices, FS_READ_FILE | FS_WRITE_FILE)):
            for path in paths:
                _allow(ruleset, path, rights & fs)
        if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
            return 0
        if _libc.syscall(SYS_RESTRICT, ctypes.c_int(ruleset), ctypes.c_uint32(0)) != 0:
            return 0
    finally:
        os.close(ruleset)
    return abi


def _allow(ruleset: int, path: str, rights: int) -> None:
    try:
        fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    except OSError:
        return
    try:
        if not os.path.isdir(path):
            rights &= FS_FILE_RIGHTS
        attr = struct.pack("<Qi", rights, fd)   # struct landlock_path_beneath_attr is packed
        buf = ctypes.create_string_buffer(attr, len(attr))
        _libc.syscall(SYS_ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(1), buf, ctypes.c_uint32(0))
    finally:
        os.close(fd)


def confine_learner(*, memory_mb: int, cpu_seconds: int, output_bytes: int, scratch: str, readable: list[str],
                    isolated: bool, use_landlock: bool, scratch_mb: int = 64) -> int:
    """Called in the learner's process right after fork, before its file is loaded.

    Returns the Landlock ABI in force (0: none)."""
    die_with_parent()
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    if isolated:
        private_scratch(scratch, scratch_mb)
    drop_capabilities()
    os.chdir(scratch)
    minimal_environment(scratch)
    abi = 0
    if use_landlock:
        abi = landlock(readable=readable_roots(readable), writable=[scratch],
                       devices=["/dev/null", "/dev/zero", "/dev/urandom", "/dev/random"])
    set_limits(memory_mb=memory_mb, cpu_seconds=cpu_seconds, output_bytes=output_bytes)
    from kit import seccomp
    if not seccomp.install():
        _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    return abi
