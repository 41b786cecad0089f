"""The kit's side of the sandbox: lanes, run orders, and a state machine that trusts no report.

    kit ── zygote ── lane (template) ── supervisor ── learner      (see lanes.py)

For a job the kit knows the reports to expect, in order (`Slot`s): each part's "loaded", then
each exercise's own calls, then its calls of other functions. It takes only the next expected
report, validated (reports.py); the wall clock restarts only when one arrives. A hang, a crash,
an exit or a malformed report costs the slot it happened in — the file's loading costs its
session, an exercise's own calls cost that exercise, a neighbour's calls (a backward checked
against the learner's forward) cost nothing but that comparison — and the rest goes on in a
fresh learner process. Only the lane says that a learner's process ended.
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from kit import wire
from kit.config import Limits
from kit.sandbox import channel, frames, reports, scratch, start
from kit.sandbox.reports import Malformed, Slot
from kit.sandbox.sources import Unusable, read_source


@dataclass
class ExerciseRun:
    """What happened to one exercise in the learner's process."""

    name: str
    state: str                      # "ran" | "timeout" | "crashed" | "load_failed" | "missing_file" | "unreadable"
    outcomes: list = field(default_factory=list)    # in run order: own calls, then foreign ones
    message: str = ""
    wall: float = 0.0
    cpu: float = 0.0
    peak_kb: int = 0
    kill_reason: str = ""
    output: str = ""


@dataclass
class Job:
    """One learner-session: the learner's file and the calls each exercise makes.

    exercises: [(name, calls in run order, number of own calls)]; own calls are the exercise's
    (or made on its behalf), the rest call other functions of the learner's file."""

    path: Path
    exercises: list
    key: str = ""                   # same key, same calls: a lane decodes them once, not per learner
    root: Path | None = None        # the learner's folder: nothing below it is followed if a link
    helpers: str = ""               # kit-owned code run in the learner's namespace after their file loads
    plan_payload: bytes = b""       # the calls already encoded (an outline's, from disk)
    expand: dict = field(default_factory=dict)   # name -> for each call of the plan, its outcome among those sent


class LaneLost(Exception):
    pass


class Lane:
    """A worker process tree that runs one learner-session at a time."""

    def __init__(self, sock: socket.socket, helper_pid: int):
        self.sock = sock
        self.helper_pid = helper_pid
        tag, first = self.recv(time.monotonic() + 10)
        if tag != channel.LANE:
            raise LaneLost("the lane did not start")
        self.init_pid = int(first["init"])
        self.plans: set[str] = set()
        self.presend: bytes | None = None     # a job written before the kit was loaded (start.py), not yet read
        self.isolated = bool(first.get("isolated"))
        self.landlock = int(first.get("landlock", 0))

    def recv(self, deadline: float):
        """(LANE, message) or (LEARNER, raw report bytes)."""
        try:
            data = channel.read(self.sock, deadline, cap=wire.MAX_REPORT + 1)
        except (OSError, wire.WireError) as err:
            raise LaneLost(str(err)) from err
        if not data:
            raise LaneLost("the learner's process tree closed its channel")
        tag, body = data[:1], data[1:]
        if tag == channel.LANE:
            try:
                return tag, wire.loads(body)
            except wire.WireError as err:
                raise LaneLost(str(err)) from err
        if tag == channel.LEARNER:
            return tag, body
        raise LaneLost("an untagged frame")

    def kill(self) -> None:
        for pid in (self.init_pid, self.helper_pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        self.sock.close()


class Sandbox:
    """Start it before loading references; then `run(job)` from any number of threads."""

    def __init__(self, limits: Limits, *, namespaces: bool = True, landlock: bool = True,
                 started: start.Started | None = None):
        """`started`: a zygote the command forked already (kit/sandbox/start.py), with these limits."""
        self.limits = limits
        self._lock = threading.Lock()
        self._local = threading.local()
        self._lanes: list[Lane] = []
        if started is None:
            started = start.zygote()
            started.configure(limits, {"namespaces": namespaces, "landlock": landlock})
        self._zygote_pid, self._zygote, self._scratch = started.pid, started.sock, started.scratch
        self._asked, self._started = started.prewarmed, started
        self._payloads: dict[str, bytes] = {}
        # The first lanes start now, while the kit imports and plans (a lane costs ~10 ms of forks and unshares).
        self._idle: list[Lane] = []
        self._warming = threading.Thread(target=self._prewarm, daemon=True)
        self._warming.start()

    def _prewarm(self) -> None:
        """Take the lanes asked for with the zygote's configuration (they start while the kit imports),
        with the jobs the command sent some of them early (start.py)."""
        for pids, sock, data in self._started.taken():
            try:
                lane = Lane(sock, channel.PIDS.unpack(pids)[0])
            except (LaneLost, OSError):
                sock.close()
                continue
            lane.presend = data
            with self._lock:
                self._lanes.append(lane)
                self._idle.append(lane)
        for _ in range(self._asked - len(self._started.sent)):
            try:
                lane = self._new_lane(asked=True)
            except (LaneLost, OSError):
                return   # the first job asks again, and says what is wrong
            with self._lock:
                self._idle.append(lane)

    # ── lanes ────────────────────────────────────────────────────────────────
    def _new_lane(self, asked: bool = False) -> Lane:
        """`asked`: the request went with the zygote's configuration (start.py)."""
        with self._lock:
            if not asked:
                self._zygote.sendall(b"L")
            data, fds, _, _ = socket.recv_fds(self._zygote, channel.PIDS.size, 1)
            if len(data) < channel.PIDS.size or not fds:
                raise LaneLost("the grader's zygote process is gone")
            helper_pid, _ = channel.PIDS.unpack(data)
        lane = Lane(socket.socket(fileno=fds[0]), helper_pid)
        with self._lock:
            self._lanes.append(lane)
        return lane

    def _lane(self, want: bytes | None = None) -> Lane:
        """This thread's lane: an idle one if any (the one already sent `want`, else one sent
        nothing), else a new one. A lane sent another job early is never given a different one."""
        lane = getattr(self._local, "lane", None)
        if lane is None:
            self._warming.join()
            with self._lock:
                ready = [idle for idle in self._idle if idle.presend is not None and idle.presend == want]
                lane = (ready or [idle for idle in self._idle if idle.presend is None] or [None])[-1]
                if lane is not None:
                    self._idle.remove(lane)
            lane = self._local.lane = lane or self._new_lane()
        return lane

    def presending(self) -> bool:
        """Whether some idle lane still holds a job sent before the kit was loaded."""
        self._warming.join()
        with self._lock:
            return any(lane.presend is not None for lane in self._idle)

    def _payload(self, key: str, job: Job) -> bytes:
        """A keyed plan's calls, encoded once per process (every learner's job has the same)."""
        payload = self._payloads.get(key)
        if payload is None:
            payload = self._payloads[key] = frames.plan_payload(key, job.helpers, job.exercises)
        return payload

    def _release(self) -> None:
        """This thread is done with its lane for now: another thread may take it."""
        lane = getattr(self._local, "lane", None)
        self._local.lane = None
        if lane is not None:
            with self._lock:
                self._idle.append(lane)

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
        from kit import seccomp

        lane = self._lane()
        self._release()
        missing = []
        if not lane.isolated:
            missing.append("namespaces (a learner's setsid child may outlive the run; the network is not cut)")
        if lane.landlock < 1:
            missing.append("Landlock (learner code can read what your user can read)")
        if not seccomp.supported():
            missing.append("seccomp (learner code may fork, open sockets and use memory outside the limit)")
        return ("note: the sandbox runs without " + " and without ".join(missing) + "; see the README") if missing else ""

    def close(self) -> None:
        self._warming.join()
        with self._lock:
            all_lanes, self._lanes = self._lanes, []
        for lane in all_lanes:
            lane.kill()
        try:
            self._zygote.close()
        except OSError:
            pass
        self._started.stop()
        scratch.remove_tree(self._scratch)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ── running jobs ─────────────────────────────────────────────────────────
    def run(self, job: Job) -> dict[str, ExerciseRun]:
        """Every exercise of the job gets an ExerciseRun, whatever the learner's code does."""
        return self.run_many([job])[0]

    def run_many(self, jobs: list[Job]) -> list[dict[str, ExerciseRun]]:
        """Several sessions of one learner in one learner process (one fork, not one per session)."""
        runs: list[dict[str, ExerciseRun]] = [{} for _ in jobs]
        sources: dict[int, str] = {}
        for i, job in enumerate(jobs):
            try:
                sources[i] = read_source(job.path, job.root)
            except Unusable as why:
                runs[i] = {name: ExerciseRun(name, why.state, message=why.message) for name, _, _ in job.exercises}
        while True:
            todo = [(i, name) for i, job in enumerate(jobs) if i in sources
                    for name, _, _ in job.exercises if name not in runs[i]]
            if not todo:
                return [expanded(job, r) for job, r in zip(jobs, runs)]
            Round(self, jobs, sources, runs, todo).play()


def expanded(job: Job, runs: dict[str, ExerciseRun]) -> dict[str, ExerciseRun]:
    """Each exercise's outcomes, one per call of its plan: a call sent once for several checks
    answers each of them with its own copy."""
    for name, expand in job.expand.items():
        run = runs.get(name)
        if run is None or run.state != "ran" or len(run.outcomes) != max(expand) + 1:
            continue
        seen: set[int] = set()
        outcomes = []
        for k in expand:
            outcomes.append(run.outcomes[k] if k not in seen else _copy(run.outcomes[k]))
            seen.add(k)
        run.outcomes = outcomes
    return runs


def _copy(outcome: dict) -> dict:
    """An outcome's own copy: its dicts, lists and arrays (reports.parse made them; the rest cannot change)."""
    outcome = dict(outcome)
    if "value" in outcome:
        outcome["value"] = _copy_value(outcome["value"])
    if outcome.get("args_after"):
        outcome["args_after"] = [None if a is None else a.copy() for a in outcome["args_after"]]
    if "warnings" in outcome:
        outcome["warnings"] = list(outcome["warnings"])
    return outcome


def _copy_value(value: dict) -> dict:
    value = dict(value)
    if "value" in value:
        value["value"] = value["value"].copy()
    if "items" in value:
        value["items"] = [_copy_value(v) for v in value["items"]]
    if "too_large" in value:
        value["too_large"] = list(value["too_large"])
    return value


class Round:
    """One learner process: send the job, follow its reports, blame the slot where it stopped."""

    def __init__(self, box: Sandbox, jobs: list[Job], sources: dict, runs: list, todo: list):
        self.box, self.jobs, self.runs = box, jobs, runs
        self.timeout = box.limits.timeout
        self.parts = list(dict.fromkeys(i for i, _ in todo))
        self.names = {i: [n for j, n in todo if j == i] for i in self.parts}
        self.slots: list[Slot] = []
        for i in self.parts:
            self.slots.append(Slot("load", i))
            plan = {name: (calls, own) for name, calls, own in jobs[i].exercises}
            for name in self.names[i]:
                calls, own = plan[name]
                self.slots.append(Slot("own", i, name, tuple(calls[:own])))
                if len(calls) > own:
                    self.slots.append(Slot("foreign", i, name, tuple(calls[own:])))
        self.sources = sources
        self.own: dict[tuple, list] = {}         # own outcomes waiting for their foreign part
        self.loaded: set[int] = set()

    def play(self) -> None:
        box = self.box
        fresh, added = self._frames(set()) if box.presending() else (None, set())
        lane = box._lane(fresh)
        try:
            if fresh is not None and lane.presend == fresh:   # sent before the kit was loaded
                lane.presend = None
                lane.plans |= added
            else:
                self._send(lane)
        except OSError:
            box._drop_lane()
            lane = box._lane()
            self._send(lane)
        started = time.monotonic()
        deadline = started + self.timeout
        try:
            while True:
                tag, message = lane.recv(deadline)
                now = time.monotonic()
                if tag == channel.LANE:
                    if message.get("event") != "done":
                        raise LaneLost(f"unexpected lane message {message.get('event')!r}")
                    self._ended(message, now - started)
                    box._release()
                    return
                if not self.slots:
                    raise Malformed("a report after the last one")
                self._take(reports.parse(message, self.slots[0]), now - started)
                started, deadline = now, now + self.timeout
        except channel.Deadline:
            box._drop_lane()
            if self.slots:
                self._blame("timeout", "did not finish within {t:g} s (an endless loop? a sleep?)",
                            f"loading exercises.py took longer than {self.timeout:g} s",
                            wall=self.timeout, kill_reason="wall-clock")
        except Malformed as err:
            box._drop_lane()
            self._blame("crashed", f"sent the grader a report it cannot use ({err}); "
                        "is the code writing to file descriptors it did not open?",
                        f"loading exercises.py: the process sent the grader a report it cannot use ({err})",
                        kill_reason="malformed")
        except LaneLost as err:
            box._drop_lane()
            self._blame("crashed", f"broke the channel of the learner's process ({err})",
                        f"loading exercises.py broke the channel of the learner's process ({err})", kill_reason="lost")

    def _frames(self, known: set) -> tuple[bytes, set]:
        """The bytes of this round for a lane that knows the plans `known`, and the plans it adds."""
        data, added, parts = [], set(), []
        for i in self.parts:
            job = self.jobs[i]
            key = job.key or f"job-{id(job)}"
            if key not in known:
                data.append(wire.frame(job.plan_payload or (self.box._payload(key, job) if job.key
                                                             else frames.plan_payload(key, job.helpers, job.exercises))))
                if job.key:
                    added.add(key)
            parts.append(frames.part(i, str(job.path), self.sources[i], self.names[i], key))
        return b"".join(data) + frames.job(parts, len(self.slots), self.timeout), added

    def _send(self, lane: Lane) -> None:
        data, added = self._frames(lane.plans)
        lane.sock.sendall(data)
        lane.plans |= added

    def _take(self, report: dict, wall: float) -> None:
        slot = self.slots.pop(0)
        if slot.kind == "load":
            if report["event"] == "load_failed":
                for name in self.names[slot.part]:
                    self.runs[slot.part][name] = ExerciseRun(name, "load_failed", message=report["message"])
                self.slots = [s for s in self.slots if s.part != slot.part]
            else:
                self.loaded.add(slot.part)
            return
        if slot.kind == "own" and self.slots and self.slots[0].kind == "foreign" and self.slots[0].name == slot.name \
                and self.slots[0].part == slot.part:
            self.own[(slot.part, slot.name)] = (report["outcomes"], wall)
            return
        own, own_wall = self.own.pop((slot.part, slot.name), ([], 0.0))
        outcomes = own + report["outcomes"] if slot.kind == "foreign" else report["outcomes"]
        self.runs[slot.part][slot.name] = ExerciseRun(slot.name, "ran", outcomes=outcomes, wall=own_wall + wall)

    def _blame(self, state: str, during: str, loading: str, **costs) -> None:
        """The slot that was running pays: its session while loading, its exercise, or its comparison."""
        if not self.slots:
            return
        slot = self.slots.pop(0)
        during = during.replace("{t:g}", f"{self.timeout:g}")
        if slot.kind == "load":
            for name in self.names[slot.part]:
                self.runs[slot.part][name] = ExerciseRun(name, state, message=loading, **costs)
            self.slots = [s for s in self.slots if s.part != slot.part]
        elif slot.kind == "own":
            self.runs[slot.part][slot.name] = ExerciseRun(slot.name, state, message=f"{slot.name} {during}", **costs)
            self.slots = [s for s in self.slots if (s.part, s.name) != (slot.part, slot.name)]
        else:   # its neighbour failed, not the exercise: the comparison is lost, its own results stay
            own, wall = self.own.pop((slot.part, slot.name), ([], 0.0))
            funcs = sorted({c["func"] for c in slot.calls})
            lost = {"status": "lost", "message": f"{', '.join(funcs)} {during}"}
            self.runs[slot.part][slot.name] = ExerciseRun(slot.name, "ran", outcomes=own + [lost] * len(slot.calls),
                                                          wall=wall)

    def _ended(self, message: dict, wall: float) -> None:
        """The lane says the learner's process ended: attach its costs, blame the slot it was in."""
        cpu = message.get("cpu") if isinstance(message.get("cpu"), (int, float)) else 0.0
        peak = message.get("peak_kb") if isinstance(message.get("peak_kb"), int) else 0
        output = reports.text(message.get("output"))[-reports.MAX_TEXT:]
        for i in self.parts:
            for run in self.runs[i].values():
                if run.state in ("ran", "load_failed") and not run.output:
                    run.cpu, run.peak_kb, run.output = cpu, peak, output
        if message.get("oversize"):
            reason, kill = f"sent a report larger than {wire.MAX_REPORT >> 20} MiB", "malformed"
        else:
            reason, kill = exit_reason(message)
        self._blame("crashed", f"ended the learner's process: {reason}", f"loading exercises.py: {reason}",
                    wall=wall, cpu=cpu, peak_kb=peak, kill_reason=kill, output=output)


def exit_reason(msg: dict) -> tuple[str, str]:
    sig, code = msg.get("signal"), msg.get("exit")
    if sig:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else f"signal {sig}"
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and msg.get("cpu_limit_hit")):
            return "CPU time limit exceeded", "cpu"
        if sig == signal.SIGSEGV:
            return "the interpreter crashed (segmentation fault, SIGSEGV)", "crash"
        return f"the process was killed by {name}", "signal"
    return f"the process exited with code {code} (sys.exit or os._exit in the learner's code?)", "exit"
