"""Frames between the kit and a lane, and who wrote them.

Every frame a lane sends starts with a tag byte: LANE for the lane's own messages (it started,
a learner's process ended), LEARNER for a report read from the learner's pipe, passed on whole.
Learner code can write anything into its pipe, but all of it arrives as LEARNER frames: it can
never speak for the lane.
"""

from __future__ import annotations

import select
import socket
import struct
import time

from kit import wire

LANE, LEARNER = b"S", b"R"
PIDS = struct.Struct("<ii")     # the zygote's word with a lane's socket: the lane helper's pid


class Deadline(Exception):
    """No frame before the deadline (not an OSError, unlike TimeoutError)."""


def recv_exact(sock: socket.socket, n: int, deadline: float | None = None) -> bytes:
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


def read(sock: socket.socket, deadline: float | None = None, cap: int = wire.MAX_FRAME) -> bytes | None:
    return wire.read_frame(lambda n: recv_exact(sock, n, deadline), cap)


def send(sock: socket.socket, payload: bytes) -> None:
    sock.sendall(wire.frame(payload))


def from_lane(sock: socket.socket, message: dict) -> None:
    send(sock, LANE + wire.dumps(message))


def from_learner(sock: socket.socket, report: bytes) -> None:
    send(sock, LEARNER + report)
