"""The sandbox's first fork, made as early as a command can make it.

`kit check` forks the zygote before it parses its arguments or imports NumPy: the zygote imports
NumPy and the harness on the second core while the kit does the same on the first, then waits
for its limits (`configure`); the first lane starts as soon as they arrive. Only `os` and
`socket` are loaded here, so forking costs the command nothing.
"""

from __future__ import annotations

import os
import socket

_early = None


class Started:
    """A forked zygote: `configure` it once with the limits, then hand it to a Sandbox."""

    def __init__(self, pid: int, sock: socket.socket):
        self.pid, self.sock = pid, sock
        self.scratch = ""
        self.prewarmed = 0      # lanes asked for with the configuration
        self.sent: list = []    # (pids, lane socket, the bytes written to it) for lanes given a job early
        self._sending = None
        self.stopped = False

    def configure(self, limits, switches: dict, lanes: int = 1) -> None:
        import json
        from dataclasses import asdict

        from kit.sandbox import scratch

        self.scratch = scratch.make("kit-sandbox-")
        config = {"limits": asdict(limits), "switches": switches, "scratch": self.scratch}
        self.sock.sendall(json.dumps(config).encode() + b"\n" + b"L" * lanes)   # and the first lanes, at once
        self.prewarmed = lanes

    def presend(self, jobs: list[bytes]) -> None:
        """Write each job (kit/sandbox/frames.py bytes) to one of the first lanes as soon as the
        zygote hands it over: a thread waits for them while the kit imports NumPy. The runner uses
        such a lane only for a round whose bytes are exactly these (kit/sandbox/runner.py)."""
        import threading

        def send() -> None:
            for data in jobs[:self.prewarmed]:
                if not data:
                    return   # no early job: this lane, and those after it, are the Sandbox's to take
                try:
                    pids, fds, _, _ = socket.recv_fds(self.sock, 8, 1)   # channel.PIDS: the lane helper's pid
                except OSError:
                    return
                if len(pids) < 8 or not fds:
                    return
                lane = socket.socket(fileno=fds[0])
                self.sent.append((pids, lane, data))
                try:
                    lane.sendall(data)
                except OSError:
                    return   # a lane that died: the runner finds out when it reads its first frame

        self._sending = threading.Thread(target=send, daemon=True)
        self._sending.start()

    def stop(self) -> None:
        """Kill the zygote, once (its pid may belong to another process once it is reaped)."""
        if not self.stopped:
            self.stopped = True
            _stop(self.pid)

    def taken(self) -> list:
        """The lanes given a job early (after the thread is done with the zygote's socket)."""
        if self._sending is not None:
            self._sending.join()
        return self.sent


def zygote() -> Started:
    ours, theirs = socket.socketpair()
    pid = os.fork()
    if pid == 0:
        try:
            ours.close()
            _zygote(theirs)
        finally:
            os._exit(0)
    theirs.close()
    return Started(pid, ours)


def _zygote(sock: socket.socket) -> None:
    import gc
    import json

    from kit import harness, isolation, seccomp  # noqa: F401  (loaded once, before any lane is forked)
    from kit.config import Limits
    from kit.sandbox import lanes

    isolation.die_with_parent()
    gc.enable()      # `kit check` runs without the collector (kit/cli.py); learner code does not
    gc.freeze()      # every lane's and learner's collector leaves these pages alone (and shared)
    line = b""
    while not line.endswith(b"\n"):
        chunk = sock.recv(1)
        if not chunk:
            return   # the kit ended before it configured us
        line += chunk
    config = json.loads(line)
    lanes.zygote(sock, Limits(**config["limits"]), config["switches"], config["scratch"])


def early() -> None:
    """Fork now; the command takes it with `take()` (kit/cli.py does this for `kit check`)."""
    global _early
    _early = zygote()


def take() -> Started:
    """The zygote forked early, if any (once), else a new one."""
    global _early
    started, _early = _early, None
    return started or zygote()


def discard() -> None:
    """Stop a zygote forked early that no command took."""
    global _early
    started, _early = _early, None
    if started is not None:
        import signal

        started.sock.close()
        try:
            os.kill(started.pid, signal.SIGKILL)
            os.waitpid(started.pid, 0)
        except (OSError, ChildProcessError):
            pass


def _stop(pid: int) -> None:
    """Kill a zygote; a daemon thread reaps it, so a command does not wait while the kernel frees
    its memory (and a long-lived caller, a test run, is not left with a zombie)."""
    import signal
    import threading

    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        return

    def reap() -> None:
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass

    threading.Thread(target=reap, daemon=True).start()
