"""The bytes that cross between the grader and learner code: JSON plus raw .npy arrays.

Nothing is ever unpickled: arrays are read with allow_pickle=False, everything else is JSON.
Frames on a stream are an 8-byte length followed by the payload.
"""

from __future__ import annotations

import io
import json
import struct

import numpy as np

MAX_FRAME = 256 * 2**20
_LEN = struct.Struct("<Q")


class WireError(Exception):
    pass


def dumps(obj) -> bytes:
    arrays: list[bytes] = []

    def encode(v):
        if isinstance(v, np.ndarray):
            buf = io.BytesIO()
            np.save(buf, v, allow_pickle=False)
            arrays.append(buf.getvalue())
            return {"$nd": len(arrays) - 1}
        if isinstance(v, tuple):
            return {"$tuple": [encode(i) for i in v]}
        if isinstance(v, list):
            return [encode(i) for i in v]
        if isinstance(v, dict):
            return {str(k): encode(i) for k, i in v.items()}
        if isinstance(v, np.generic):
            return v.item()
        return v

    head = json.dumps(encode(obj)).encode()
    out = [_LEN.pack(len(head)), head, _LEN.pack(len(arrays))]
    for blob in arrays:
        out += [_LEN.pack(len(blob)), blob]
    return b"".join(out)


def loads(data: bytes):
    view = memoryview(data)
    pos = 0

    def take(n):
        nonlocal pos
        if pos + n > len(view):
            raise WireError("truncated message")
        chunk = view[pos:pos + n]
        pos += n
        return chunk

    try:
        head = json.loads(bytes(take(_LEN.unpack(take(8))[0])))
        arrays = []
        for _ in range(_LEN.unpack(take(8))[0]):
            blob = take(_LEN.unpack(take(8))[0])
            arrays.append(np.load(io.BytesIO(bytes(blob)), allow_pickle=False))
    except (ValueError, struct.error, json.JSONDecodeError) as err:
        raise WireError(f"unreadable message: {err}") from err

    def decode(v):
        if isinstance(v, dict):
            if set(v) == {"$nd"}:
                return arrays[v["$nd"]]
            if set(v) == {"$tuple"}:
                return tuple(decode(i) for i in v["$tuple"])
            return {k: decode(i) for k, i in v.items()}
        if isinstance(v, list):
            return [decode(i) for i in v]
        return v

    return decode(head)


def frame(payload: bytes) -> bytes:
    return _LEN.pack(len(payload)) + payload


def read_frame(read_exact) -> bytes | None:
    """One frame via read_exact(n) -> bytes (b"" at EOF); None at a clean EOF."""
    head = read_exact(8)
    if not head:
        return None
    if len(head) < 8:
        raise WireError("truncated frame header")
    (n,) = _LEN.unpack(head)
    if n > MAX_FRAME:
        raise WireError(f"frame of {n} bytes exceeds the {MAX_FRAME}-byte cap")
    body = read_exact(n)
    if len(body) < n:
        raise WireError("truncated frame")
    return body
