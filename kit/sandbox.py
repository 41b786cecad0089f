"""Running learner code in child processes, with a wall clock enforced from outside.

Shape (so that hardening is a change inside kit/isolation.py and this module only):

    kit process ── zygote (forked once, right after NumPy is imported, before any reference
       │             is computed: learner processes never hold an expected value)
       │              └─ lane (one per worker; a long-lived init that forks one learner
       │                   process per learner-session and relays its reports)
       └─ per exercise, a deadline: if a report does not arrive in time, the kit kills the
          whole lane and carries on with the next exercise in a fresh lane.

Learner processes send reports as wire frames (JSON + .npy, never pickles); the lane forwards
only complete frames, so a process killed mid-write cannot garble the stream.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kit import isolation, wire
from kit.config import Limits

_PIDS = struct.Struct("<ii")


@dataclass
class ExerciseRun:
    """What happened to one exercise in the learner's process."""

    name: str
    state: str                      # "ran" | "timeout" | "crashed" | "load_failed" | "missing_file" | "unreadable"
    outcomes: list = field(default_factory=list)
    message: str = ""
    wall: float = 0.0
    cpu: float = 0.0
    peak_kb: int = 0
    kill_reason: str = ""
    output: str = ""


@dataclass
class Job:
    """One learner-session: the learner's file and the calls each exercise makes."""

    path: Path
    exercises: list                 # [(exercise name, [{"func": ..., "args": (...)}, ...])]
    key: str = ""                   # same key, same calls: a lane decodes them once, not per learner


class LaneLost(Exception):
    pass


class Deadline(Exception):
    """No report before the deadline (not an OSError, unlike TimeoutError)."""


class Lane:
    """A worker process tree that runs one learner-session at a time."""

    def __init__(self, sock: socket.socket, helper_pid: int):
        self.sock = sock
        self.helper_pid = helper_pid
        first = self.recv(time.monotonic() + 10)
        self.init_pid = int(first["init"])
        self.plans: set[str] = set()
        self.isolated = bool(first.get("isolated"))
        self.landlock = int(first.get("landlock", 0))

    def send(self, message: dict) -> None:
        self.sock.sendall(wire.frame(wire.dumps(message)))

    def recv(self, deadline: float) -> dict:
        try:
            data = wire.read_frame(lambda n: _recv_exact(self.sock, n, deadline))
            if data is None:
                raise LaneLost("the learner's process tree closed its channel")
            return wire.loads(data)
        except (OSError, wire.WireError) as err:
            raise LaneLost(str(err)) from err

    def kill(self) -> None:
        for pid in (self.init_pid, self.helper_pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.sock.close()


class Sandbox:
    """Start it before loading references; then `run(job)` from any number of threads."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self._lock = threading.Lock()
        self._local = threading.local()
        self._lanes: list[Lane] = []
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:  # the zygote
            try:
                ours.close()
                _zygote(theirs, limits)
            finally:
                os._exit(0)
        theirs.close()
        self._zygote_pid, self._zygote = pid, ours

    # ── lanes ────────────────────────────────────────────────────────────────
    def _new_lane(self) -> Lane:
        with self._lock:
            self._zygote.sendall(b"L")
            data, fds, _, _ = socket.recv_fds(self._zygote, _PIDS.size, 1)
            if len(data) < _PIDS.size or not fds:
                raise LaneLost("the grader's zygote process is gone")
            helper_pid, _ = _PIDS.unpack(data)
        lane = Lane(socket.socket(fileno=fds[0]), helper_pid)
        with self._lock:
            self._lanes.append(lane)
        return lane

    def _lane(self) -> Lane:
        lane = getattr(self._local, "lane", None)
        if lane is None:
            lane = self._local.lane = self._new_lane()
        return lane

    def _drop_lane(self) -> None:
        lane = getattr(self._local, "lane", None)
        if lane is not None:
            lane.kill()
            with self._lock:
                if lane in self._lanes:
                    self._lanes.remove(lane)
        self._local.lane = None

    def weaker(self) -> str:
        """What this platform lacks, in one line ("" when fully isolated)."""
        lane = self._lane()
        missing = []
        if not lane.isolated:
            missing.append("namespaces (a learner's setsid child may outlive the run; the network is not cut)")
        if lane.landlock < 1:
            missing.append("Landlock (learner code can read what your user can read)")
        return ("note: the sandbox runs without " + " and without ".join(missing) + "; see the README") if missing else ""

    def close(self) -> None:
        with self._lock:
            lanes, self._lanes = self._lanes, []
        for lane in lanes:
            lane.kill()
        try:
            self._zygote.close()
            os.kill(self._zygote_pid, signal.SIGKILL)
            os.waitpid(self._zygote_pid, 0)
        except (OSError, ChildProcessError):
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ── running a job ────────────────────────────────────────────────────────
    def run(self, job: Job) -> dict[str, ExerciseRun]:
        """Every exercise of the job gets an ExerciseRun, whatever the learner's code does."""
        return self.run_many([job])[0]

    def run_many(self, jobs: list[Job]) -> list[dict[str, ExerciseRun]]:
        """Several sessions of one learner in one learner process (one fork, not one per session).

        The wall clock still counts per exercise; a hang, crash or exit costs the exercise it
        happened in (or the whole session while its file loads), and the rest goes on in a fresh
        process."""
        runs: list[dict[str, ExerciseRun]] = [{} for _ in jobs]
        sources: dict[int, str] = {}
        for i, job in enumerate(jobs):
            try:
                sources[i] = job.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as err:
                missing = isinstance(err, FileNotFoundError)
                why = "no exercises.py" if missing else f"exercises.py is unreadable ({err}); save it as UTF-8 text"
                runs[i] = {name: ExerciseRun(name, "missing_file" if missing else "unreadable", message=why)
                           for name, _ in job.exercises}
        remaining = [(i, name) for i, job in enumerate(jobs) if i in sources for name, _ in job.exercises]
        timeout = self.limits.timeout
        while remaining:
            lane = self._lane()
            lane.send(self._message(lane, jobs, sources, remaining, timeout))
            loaded: set[int] = set()
            started = time.monotonic()
            deadline = started + timeout
            try:
                while True:
                    msg = lane.recv(deadline)
                    event, part = msg.get("event"), msg.get("part", 0)
                    now = time.monotonic()
                    if event == "loaded":
                        loaded.add(part)
                    elif event == "load_failed":
                        for i, name in [r for r in remaining if r[0] == part]:
                            runs[i][name] = ExerciseRun(name, "load_failed", message=str(msg.get("message", "")))
                        remaining = [r for r in remaining if r[0] != part]
                    elif event == "exercise" and remaining and (part, msg.get("name")) == remaining[0]:
                        i, name = remaining.pop(0)
                        runs[i][name] = ExerciseRun(name, "ran", outcomes=list(msg.get("outcomes", [])), wall=now - started)
                    elif event == "done":
                        remaining = self._finish(msg, runs, remaining, loaded, time.monotonic() - started)
                        break
                    else:
                        raise LaneLost(f"unexpected report {event!r}")
                    started, deadline = now, now + timeout
            except Deadline:
                self._drop_lane()
                remaining = self._blame(runs, remaining, loaded, "timeout",
                                        f"loading exercises.py took longer than {timeout:g} s",
                                        f"did not finish within {timeout:g} s (an endless loop? a sleep?)",
                                        wall=timeout, kill_reason="wall-clock")
            except LaneLost as err:
                self._drop_lane()
                i, name = remaining.pop(0)
                runs[i][name] = ExerciseRun(name, "crashed", kill_reason="lost", message=f"the learner's process broke its channel ({err})")
        return runs

    def _message(self, lane: Lane, jobs: list[Job], sources: dict, remaining: list, timeout: float) -> dict:
        parts = []
        for i in dict.fromkeys(i for i, _ in remaining):
            job = jobs[i]
            names = [n for j, n in remaining if j == i]
            part = {"part": i, "path": str(job.path), "source": sources[i], "names": names, "key": job.key}
            if not job.key or job.key not in lane.plans:
                part["exercises"] = [{"name": n, "calls": c} for n, c in job.exercises if n in names]
                if job.key and len(names) == len(job.exercises):
                    lane.plans.add(job.key)
            parts.append(part)
        return {"parts": parts, "cpu_seconds": int(timeout * (len(remaining) + len(parts))) + 1}

    @staticmethod
    def _blame(runs: list, remaining: list, loaded: set, state: str, loading: str, during: str, **costs) -> list:
        """A failure costs the exercise it happened in, or its whole session while the file loads.

        Records that and returns what is left to run."""
        if not remaining:
            return remaining
        i, name = remaining[0]
        if i not in loaded:
            for j, other in [r for r in remaining if r[0] == i]:
                runs[j][other] = ExerciseRun(other, state, message=loading, **costs)
            return [r for r in remaining if r[0] != i]
        runs[i][name] = ExerciseRun(name, state, message=f"{name} {during}", **costs)
        return remaining[1:]

    def _finish(self, msg: dict, runs: list, remaining: list, loaded: set, wall: float) -> list:
        """The learner's process ended: attach its costs, blame the exercise it was in, return the rest."""
        cpu, peak = float(msg.get("cpu", 0.0)), int(msg.get("peak_kb", 0))
        output = str(msg.get("output", ""))
        for part in runs:
            for run in part.values():
                if run.state in ("ran", "load_failed") and not run.output:
                    run.cpu, run.peak_kb, run.output = cpu, peak, output
        reason, kill = _exit_reason(msg)
        return self._blame(runs, remaining, loaded, "crashed", f"loading exercises.py: {reason}", f"ended the learner's process: {reason}",
                           wall=wall, cpu=cpu, peak_kb=peak, kill_reason=kill, output=output)


def _exit_reason(msg: dict) -> tuple[str, str]:
    sig, code = msg.get("signal"), msg.get("exit")
    if sig:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}"
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and msg.get("cpu_limit_hit")):
            return "CPU time limit exceeded", "cpu"
        if sig == signal.SIGSEGV:
            return "the interpreter crashed (segmentation fault, SIGSEGV)", "crash"
        return f"the process was killed by {name}", "signal"
    return f"the process exited with code {code} (sys.exit or os._exit in the learner's code?)", "exit"


def _remove_tree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


# ── inside the zygote and the lanes (forked processes; they never return) ───────
def _zygote(sock: socket.socket, limits: Limits) -> None:
    isolation.die_with_parent()
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)   # lanes are reaped automatically
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the kit's to handle
    while sock.recv(1) == b"L":
        ours, theirs = socket.socketpair()
        pid = os.fork()
        if pid == 0:
            try:
                sock.close()
                ours.close()
                _close_fds_except(0, 1, 2, theirs.fileno())
                _lane_helper(theirs, limits)
            finally:
                os._exit(0)
        theirs.close()
        socket.send_fds(sock, [_PIDS.pack(pid, 0)], [ours.fileno()])
        ours.close()


def _lane_helper(sock: socket.socket, limits: Limits) -> None:
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
            isolated = isolation.enter_namespaces()
            os.write(ready_w, b"1" if isolated else b"0")
            os.read(go_r, 1)          # until our ids are mapped: files we create need a mapped owner
            _lane_unsharer(sock, limits, isolated)
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


def _lane_unsharer(sock: socket.socket, limits: Limits, isolated: bool) -> None:
    """Inside the new user namespace: fork the lane's init (PID 1 of the new PID namespace)."""
    isolation.die_with_parent()
    go_r, go_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(go_w)
            os.read(go_r, 1)          # wait until the kit knows our pid
            os.close(go_r)
            _lane_init(sock, limits, isolated)
        finally:
            os._exit(0)
    os.close(go_r)
    landlock = 0 if os.environ.get("KIT_NO_LANDLOCK") else isolation.landlock_abi()
    sock.sendall(wire.frame(wire.dumps({"init": pid, "isolated": isolated, "landlock": landlock})))
    os.close(go_w)
    sock.close()
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass


def _lane_init(sock: socket.socket, limits: Limits, isolated: bool) -> None:
    isolation.die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pid_one = os.getpid() == 1
    plans: dict[str, list] = {}
    isolation.readable_roots([])   # warm: each learner process inherits the list
    from kit import harness  # noqa: F401  (imported once here, not in every learner process)
    import gc

    gc.collect()
    gc.freeze()   # the collector in each forked learner process leaves these pages shared
    while True:
        data = wire.read_frame(lambda n: _recv_exact(sock, n))
        if data is None:
            return
        job = wire.loads(data)
        for part in job["parts"]:
            if part.get("exercises") is not None and part.get("key") and len(part["exercises"]) >= len(plans.get(part["key"], [])):
                plans[part["key"]] = part["exercises"]
            if part.get("exercises") is None:
                by_name = {ex["name"]: ex for ex in plans.get(part.get("key"), [])}
                part["exercises"] = [by_name[n] for n in part["names"] if n in by_name]
        scratch = tempfile.mkdtemp(prefix="kit-learner-")
        try:
            _run_learner(sock, job, limits, scratch, pid_one)
        finally:
            _remove_tree(scratch)


def _recv_exact(sock: socket.socket, n: int, deadline: float | None = None) -> bytes:
    """n bytes (fewer at EOF); with a deadline, Deadline if they do not arrive in time."""
    chunks, got = [], 0
    while got < n:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([sock], [], [], left)[0]:
                raise Deadline
        chunk = sock.recv(min(n - got, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _run_learner(sock: socket.socket, job: dict, limits: Limits, scratch: str, pid_one: bool) -> None:
    """Fork the learner's process for one job, relay its reports, then clean up after it."""
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
            _close_fds_except(0, 1, 2, res_w)   # no inherited descriptor reaches learner code
            sys.stdout = os.fdopen(1, "w", closefd=False)   # the kit's own (maybe captured) streams are gone
            sys.stderr = os.fdopen(2, "w", closefd=False)
            import faulthandler
            faulthandler.disable()
            isolation.confine_learner(memory_mb=limits.memory_mb, cpu_seconds=int(job["cpu_seconds"]),
                                      output_bytes=limits.output_bytes, scratch=scratch,
                                      readable=[os.path.dirname(p["path"]) for p in job["parts"]])
            harness.run(job, res_w)
        finally:
            os._exit(0)
    os.close(res_w)
    os.close(out_w)
    for fd in (res_r, out_r):
        os.set_blocking(fd, False)
    pending, output, total = b"", bytearray(), 0
    cap = limits.output_bytes
    try:
        exited = os.pidfd_open(pid)
    except (AttributeError, OSError):
        exited = None
    watch = [res_r, out_r] + ([exited] if exited is not None else [])
    status = None
    while status is None:
        ready = select.select(watch, [], [], 0.05 if exited is None else None)[0]
        for fd in (res_r, out_r):
            if fd in ready or (exited is not None and exited in ready):
                chunk = _drain(fd)
                if fd == res_r:
                    pending += chunk
                    pending = _forward_frames(sock, pending)
                else:
                    total += len(chunk)
                    output += chunk[: max(0, cap - len(output))]
        if exited is None or exited in ready:
            done_pid, raw, usage = os.wait4(pid, os.WNOHANG if exited is None else 0)
            if done_pid:
                status = (raw, usage)
    # After the learner's process: whatever it started dies too.
    if pid_one:
        _kill_everyone_else()
    else:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
    pending += _drain(res_r)
    _forward_frames(sock, pending)
    for fd in (res_r, out_r) + ((exited,) if exited is not None else ()):
        os.close(fd)
    raw, usage = status
    sig = os.WTERMSIG(raw) if os.WIFSIGNALED(raw) else None
    text = output.decode("utf-8", "replace")
    if total > cap:
        text += f"\n… [{total - cap} more bytes of output cut]"
    sock.sendall(wire.frame(wire.dumps({
        "event": "done", "signal": sig, "exit": os.WEXITSTATUS(raw) if os.WIFEXITED(raw) else None,
        "cpu": usage.ru_utime + usage.ru_stime, "peak_kb": usage.ru_maxrss, "output": text, "output_bytes": total,
        "cpu_limit_hit": usage.ru_utime + usage.ru_stime >= int(job["cpu_seconds"]) - 0.05})))


def _close_fds_except(*keep: int) -> None:
    low = 0
    for fd in sorted(keep) + [os.sysconf("SC_OPEN_MAX") if hasattr(os, "sysconf") else 4096]:
        if fd > low:
            os.closerange(low, fd)
        low = fd + 1


def _drain(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            break
        except OSError:
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _forward_frames(sock: socket.socket, pending: bytes) -> bytes:
    """Send every complete frame in `pending`; keep the incomplete tail."""
    while len(pending) >= 8:
        (n,) = struct.unpack("<Q", pending[:8])
        if n > wire.MAX_FRAME:
            return b""  # garbage: drop it, the kit will see the exercise as unreported
        if len(pending) < 8 + n:
            break
        sock.sendall(pending[: 8 + n])
        pending = pending[8 + n:]
    return pending


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
