"""A seccomp filter for learner processes: no new processes, no sockets, no memory outside the limits.

Written as classic BPF by hand (no libseccomp needed). What it denies, and why each one:
- fork, vfork, clone without CLONE_THREAD, clone3 (ENOSYS, so glibc's threads fall back to clone):
  one process per learner, whatever the uid — RLIMIT_NPROC is ignored for root.
- execve, execveat: learner code has no business starting programs.
- socket, connect: no channel out of the process (Landlock does not mediate pathname UNIX sockets).
- memfd_create, memfd_secret, shmget, shmat, msgget, semget: memory RLIMIT_AS does not count.
- io_uring_*: it performs socket and file operations without the system calls above.
- ptrace, process_vm_*, unshare, setns, mount, bpf, userfaultfd, perf_event_open, keyctl & co: no
  reach beyond the process.
Threads stay allowed (NumPy's BLAS uses them); each costs address space, so RLIMIT_AS bounds them.
"""

from __future__ import annotations

import ctypes
import errno
import os
import struct

PR_SET_NO_NEW_PRIVS, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 38, 22, 2
CLONE_THREAD = 0x00010000
RET_ALLOW, RET_ERRNO = 0x7FFF0000, 0x00050000

# BPF opcodes
LD_W_ABS, JEQ_K, JSET_K, JGE_K, RET_K = 0x20, 0x15, 0x45, 0x35, 0x06

_ARCHES = {
    "x86_64": (0xC000003E, {
        "fork": 57, "vfork": 58, "clone": 56, "clone3": 435, "execve": 59, "execveat": 322,
        "socket": 41, "connect": 42, "memfd_create": 319, "memfd_secret": 447, "shmget": 29, "shmat": 30,
        "msgget": 68, "semget": 64, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
        "ptrace": 101, "process_vm_readv": 310, "process_vm_writev": 311, "unshare": 272, "setns": 308,
        "mount": 165, "bpf": 321, "userfaultfd": 323, "perf_event_open": 298, "keyctl": 250,
        "add_key": 248, "request_key": 249}),
    "aarch64": (0xC00000B7, {
        "clone": 220, "clone3": 435, "execve": 221, "execveat": 281,
        "socket": 198, "connect": 203, "memfd_create": 279, "memfd_secret": 447, "shmget": 194, "shmat": 196,
        "msgget": 186, "semget": 190, "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
        "ptrace": 117, "process_vm_readv": 270, "process_vm_writev": 271, "unshare": 97, "setns": 268,
        "mount": 40, "bpf": 280, "userfaultfd": 282, "perf_event_open": 241, "keyctl": 219,
        "add_key": 217, "request_key": 218}),
}


def supported() -> bool:
    return os.uname().machine in _ARCHES and os.uname().sysname == "Linux"


def _insn(code: int, jt: int, jf: int, k: int) -> bytes:
    return struct.pack("<HBBI", code, jt, jf, k & 0xFFFFFFFF)


def program(machine: str | None = None) -> bytes:
    """The filter as bytes of struct sock_filter (classic BPF; jumps are relative to the next insn)."""
    arch, numbers = _ARCHES[machine or os.uname().machine]
    checks = sorted((n, "deny") for name, n in numbers.items() if name not in ("clone", "clone3"))
    checks.append((numbers["clone3"], "nosys"))
    n = len(checks)
    ALLOW, DENY, NOSYS = 8 + n, 9 + n, 10 + n          # indices of the three returns at the end

    def jump(at: int, to: int) -> int:
        return to - at - 1

    prog = [_insn(LD_W_ABS, 0, 0, 4),                              # 0: the architecture
            _insn(JEQ_K, 1, 0, arch),                              # 1: ours → go on
            _insn(RET_K, 0, 0, RET_ERRNO | errno.EPERM),           # 2: a foreign ABI: nothing allowed
            _insn(LD_W_ABS, 0, 0, 0),                              # 3: the system call number
            _insn(JGE_K, jump(4, DENY), 0, 0x40000000)]            # 4: x32 numbers reach the same code
    for i, (nr, what) in enumerate(checks):                        # 5 … 4+n
        at = 5 + i
        prog.append(_insn(JEQ_K, jump(at, DENY if what == "deny" else NOSYS), 0, nr))
    prog.append(_insn(JEQ_K, 0, jump(5 + n, ALLOW), numbers["clone"]))   # 5+n: clone? else allow
    prog.append(_insn(LD_W_ABS, 0, 0, 16))                               # 6+n: its flags (args[0])
    prog.append(_insn(JSET_K, jump(7 + n, ALLOW), jump(7 + n, DENY), CLONE_THREAD))  # 7+n: a thread only
    prog.append(_insn(RET_K, 0, 0, RET_ALLOW))                           # 8+n
    prog.append(_insn(RET_K, 0, 0, RET_ERRNO | errno.EPERM))             # 9+n
    prog.append(_insn(RET_K, 0, 0, RET_ERRNO | errno.ENOSYS))            # 10+n
    return b"".join(prog)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def install() -> bool:
    """Load the filter into this process (and its future threads). False where unsupported."""
    if not supported():
        return False
    libc = ctypes.CDLL(None, use_errno=True)
    code = program()
    buf = ctypes.create_string_buffer(code, len(code))
    prog = _SockFprog(len(code) // 8, ctypes.cast(buf, ctypes.c_void_p))
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(prog), 0, 0) == 0
