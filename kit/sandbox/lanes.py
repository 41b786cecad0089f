"""The forked side: zygote → lane (PID 1 of its namespaces, a pristine template) → supervisor → learner.

    zygote      forked from the kit before any expected value exists; forgets the organizer's
                environment; forks one lane per worker.
    lane        a template: it holds the kit's code and the plans (inputs the kit sends), never a
                learner's source or answers. For each job it forks a supervisor and waits.
    supervisor  reads its one job from the kit, forks the learner's process, passes the learner's
                reports on as LEARNER frames (capped), says itself when the process ended, exits.
    learner     confined (kit/isolation.py, kit/seccomp.py), loads the file, calls, reports.

So no learner's process starts from a process that held another learner's data: what one job
brought dies with its supervisor.
"""

from __future__ import annotations

import gc
import os
import select
import signal
import socket
import struct
import sys
import tempfile

from kit import isolation, wire
from kit.config import Limits
from kit.sandbox import channel
from kit.sandbox.scratch import remove_tree

PIDS = channel.PIDS


def zygote(sock: socket.socket, limits: Limits, switches: dict, scratch_root: str) -> None:
    isolation.die_with_parent()
    isolation.scrub_environment()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # lanes are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the kit's to handle
    while sock.recv(1) == b"L":
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            try:
                sock.close()
                ours.close()
                close_fds_except(0, 1, 2, theirs.fileno())
                _lane_helper(theirs, limits, switches, scratch_root)
            finally:
                os._exit(0)
        theirs.close()
        socket.send_fds(sock, [PIDS.pack(pid, 0)], [ours.fileno()])
        ours.close()


def _lane_helper(sock: socket.socket, limits: Limits, switches: dict, scratch_root: str) -> None:
    """Outside the namespaces: start the unsharer, map its ids (only a parent may), wait."""
    isolation.die_with_parent()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    ready_r, ready_w = os.pipe()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(ready_r)
            os.close(go_w)
            isolated = switches["namespaces"] and isolation.enter_namespaces()
            os.write(ready_w, b"1" if isolated else b"0")
            os.read(go_r, 1)          # until our ids are mapped: files we create need a mapped owner
            _lane_unsharer(sock, limits, switches, scratch_root, isolated)
        finally:
            os._exit(0)
    os.close(ready_w)
    os.close(go_r)
    sock.close()
    if os.read(ready_r, 1) == b"1":
        isolation.map_ids(pid)
    os.write(go_w, b"g")
    os.close(go_w)
    os.close(ready_r)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _lane_unsharer(sock, limits, switches, scratch_root, isolated) -> None:
    """Inside the new user namespace: fork the lane's template (PID 1 of the new PID namespace)."""
    isolation.die_with_parent()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(go_w)
            os.read(go_r, 1)          # wait until the kit knows our pid
            os.close(go_r)
            _template(sock, limits, switches, scratch_root, isolated)
        finally:
            os._exit(0)
    os.close(go_r)
    landlock = isolation.landlock_abi() if switches["landlock"] else 0
    channel.from_lane(sock, {"init": pid, "isolated": isolated, "landlock": landlock})
    os.close(go_w)
    sock.close()
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _template(sock, limits, switches, scratch_root, isolated) -> None:
    """Receives the kit's plans and run orders only; each job runs in a supervisor it forks."""
    isolation.die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pid_one = os.getpid() == 1
    plans: dict[str, list] = {}
    isolation.readable_roots([])   # warm: each learner process inherits the list
    from kit import harness, seccomp  # noqa: F401  (imported once here, not in every learner process)

    gc.collect()
    gc.freeze()   # the collector in each forked process leaves these pages shared
    while True:
        data = channel.read(sock)
        if data is None:
            return
        message = wire.loads(data)
        if "plan" in message:
            plans[message["plan"]] = (message["exercises"], message.get("helpers", ""))
            gc.freeze()
            continue
        pid = os.fork()
        if pid == 0:
            try:
                _supervise(sock, plans, limits, switches, scratch_root, isolated, pid_one)
            finally:
                os._exit(0)
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        if pid_one:
            _kill_everyone_else()


def _supervise(sock, plans, limits, switches, scratch_root, isolated, pid_one) -> None:
    isolation.die_with_parent()
    job = wire.loads(channel.read(sock))
    for part in job["parts"]:
        exercises, part["helpers"] = plans[part["key"]]
        by_name = {ex["name"]: ex for ex in exercises}
        part["exercises"] = [by_name[n] for n in part["names"]]
    scratch = tempfile.mkdtemp(prefix="job-", dir=scratch_root)
    try:
        _run_learner(sock, job, limits, switches, scratch, isolated, pid_one)
    finally:
        remove_tree(scratch)


def _run_learner(sock, job, limits, switches, scratch, isolated, pid_one) -> None:
    """Fork the learner's process, pass its reports on, then say how it ended."""
    from kit import harness

    res_r, res_w = os.pipe()
    out_r, out_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            sock.close()
            os.close(res_r)
            os.close(out_r)
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)
            os.dup2(out_w, 1)
            os.dup2(out_w, 2)
            os.close(out_w)
            close_fds_except(0, 1, 2, res_w)   # no inherited descriptor reaches learner code
            sys.stdout = os.fdopen(1, "w", closefd=False)   # the kit's own (maybe captured) streams are gone
            sys.stderr = os.fdopen(2, "w", closefd=False)
            import faulthandler
            faulthandler.disable()
            isolation.confine_learner(memory_mb=limits.memory_mb, cpu_seconds=int(job["cpu_seconds"]),
                                      output_bytes=limits.output_bytes, scratch=scratch,
                                      readable=[os.path.dirname(p["path"]) for p in job["parts"]],
                                      isolated=isolated, use_landlock=switches["landlock"])
            harness.run(job, res_w)
        finally:
            os._exit(0)
    os.close(res_w)
    os.close(out_w)
    for fd in (res_r, out_r):
        os.set_blocking(fd, False)
    pending, output, total, oversize = b"", bytearray(), 0, False
    cap = limits.output_bytes
    exited = os.pidfd_open(pid)
    status = None
    ended: set = set()   # pipes at end of file: no longer polled while the process finishes exiting
    while status is None:
        ready = select.select([fd for fd in (res_r, out_r, exited) if fd not in ended], [], [])[0]
        if res_r in ready or exited in ready:
            pending += _drain(res_r, ended=ended)
            pending, oversize = _pass_on(sock, pending, oversize)
            if oversize:   # a report over the cap: the kit is told, the rest is not read
                pending = b""
                _kill(pid)
        if out_r in ready or exited in ready:
            chunk = _drain(out_r, ended=ended)
            total += len(chunk)
            output += chunk[: max(0, cap - len(output))]
        if exited in ready:
            status = os.wait4(pid, 0)[1:]
    _kill(pid)   # its process group, if seccomp was unavailable and it forked
    pending += _drain(res_r)
    if not oversize:
        _pass_on(sock, pending, oversize)
    for fd in (res_r, out_r, exited):
        os.close(fd)
    raw, usage = status
    text = output.decode("utf-8", "replace")
    if total > cap:
        text += f"\n… [{total - cap} more bytes of output cut]"
    cpu = usage.ru_utime + usage.ru_stime
    channel.from_lane(sock, {
        "event": "done", "signal": os.WTERMSIG(raw) if os.WIFSIGNALED(raw) else None,
        "exit": os.WEXITSTATUS(raw) if os.WIFEXITED(raw) else None, "cpu": cpu, "peak_kb": usage.ru_maxrss,
        "output": text, "output_bytes": total, "oversize": oversize,
        "cpu_limit_hit": cpu >= int(job["cpu_seconds"]) - 0.05})


def _pass_on(sock, pending: bytes, oversize: bool) -> tuple[bytes, bool]:
    """Pass on every complete report in `pending` as a LEARNER frame; keep the incomplete tail."""
    while not oversize and len(pending) >= 8:
        (n,) = struct.unpack("<Q", pending[:8])
        if n > wire.MAX_REPORT:
            return b"", True
        if len(pending) < 8 + n:
            break
        channel.from_learner(sock, pending[8: 8 + n])
        pending = pending[8 + n:]
    return pending, oversize


def _kill(pid: int) -> None:
    for kill in (os.killpg, os.kill):
        try:
            kill(pid, signal.SIGKILL)
        except OSError:
            pass


def close_fds_except(*keep: int) -> None:
    low = 0
    for fd in sorted(keep) + [os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 4096]:
        if fd > low:
            os.closerange(low, fd)
        low = fd + 1


def _drain(fd: int, most: int = 4 << 20, ended: set | None = None) -> bytes:
    """What can be read now (at most `most` bytes); `fd` goes into `ended` at end of file."""
    chunks, got = [], 0
    while got < most:
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:   # BlockingIOError included: nothing more for now
            break
        if not chunk:
            if ended is not None:
                ended.add(fd)
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _kill_everyone_else() -> None:
    """As PID 1 of our namespace: kill(-1) reaches every other process in it, setsid or not."""
    try:
        os.kill(-1, signal.SIGKILL)
    except OSError:
        pass
    while True:
        try:
            if os.waitpid(-1, 0)[0] == 0:
                break
        except ChildProcessError:
            break
