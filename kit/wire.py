"""The bytes that cross between the grader and learner code: JSON plus raw array buffers.

Nothing is ever unpickled: an array is its dtype (numeric kinds only: bool, int, uint, float,
complex), its shape and its raw bytes, rebuilt with np.frombuffer; everything else is JSON.
Frames on a stream are an 8-byte length followed by the payload.
"""

from __future__ import annotations

import json
import math
import struct

from kit import lazynumpy

MAX_FRAME = 256 * 2**20        # the kit's own messages (plans) to the lanes
MAX_REPORT = 16 * 2**20        # anything that comes back from learner code
MAX_DIMS = 32                  # NumPy allows 64; no answer here needs more than a few
NUMERIC = "biufc"
_LEN = struct.Struct("<Q")


class WireError(Exception):
    pass


def dumps(obj) -> bytes:
    """NumPy is not imported here: while it is not loaded, no value can be an array (kit check
    encodes its first messages before NumPy is imported)."""
    arrays: list[bytes] = []
    np = lazynumpy.loaded()
    array_types = (np.ndarray, np.generic) if np is not None else ()

    def encode(v):
        if isinstance(v, array_types):
            if isinstance(v, np.generic):
                return v.item()
            return _header(v, arrays)
        if isinstance(v, tuple):
            return {"$tuple": [encode(i) for i in v]}
        if isinstance(v, list):
            return [encode(i) for i in v]
        if isinstance(v, dict):
            return {str(k): encode(i) for k, i in v.items()}
        return v

    head = json.dumps(encode(obj)).encode()
    out = [_LEN.pack(len(head)), head, _LEN.pack(len(arrays))]
    for blob in arrays:
        out += [_LEN.pack(len(blob)), blob]
    return b"".join(out)


def _header(v, arrays: list) -> dict:
    """An array's place in a message: its buffer goes in `arrays`, the header names it."""
    if v.dtype.kind not in NUMERIC:
        raise WireError(f"cannot send an array of dtype {v.dtype}")
    arrays.append(v.tobytes())     # C order, whatever the array's own layout
    return {"$nd": len(arrays) - 1, "dtype": v.dtype.str, "shape": list(v.shape)}


def loads(data: bytes):
    """The message, or WireError: malformed bytes never raise anything else."""
    try:
        return _loads(data)
    except WireError:
        raise
    except (ValueError, TypeError, KeyError, IndexError, RecursionError, MemoryError, struct.error) as err:
        raise WireError(f"unreadable message: {type(err).__name__}") from err


def _split(data: bytes) -> tuple[bytes, list]:
    """(the JSON text, the array buffers) of a message."""
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
        text = bytes(take(_LEN.unpack(take(8))[0]))
        blobs = [take(_LEN.unpack(take(8))[0]) for _ in range(_LEN.unpack(take(8))[0])]
    except (ValueError, struct.error) as err:
        raise WireError(f"unreadable message: {err}") from err
    return text, blobs


_DTYPES: dict = {}


def array_from(v, blobs: list):
    """The array an array header {"$nd", "dtype", "shape"} names, checked; WireError if it is not one."""
    import numpy as np

    try:
        dtype = _DTYPES.get(v["dtype"])
        if dtype is None:
            dtype = np.dtype(str(v["dtype"]))
            if dtype.kind not in NUMERIC or dtype.fields is not None or dtype.subdtype is not None:
                raise WireError(f"refusing an array of dtype {dtype}")
            if len(_DTYPES) < 64:
                _DTYPES[v["dtype"]] = dtype
        shape = tuple(int(n) for n in v["shape"])
        blob = blobs[int(v["$nd"])]
    except (TypeError, ValueError, KeyError, IndexError) as err:
        raise WireError(f"bad array header: {err}") from err
    if len(shape) > MAX_DIMS or any(n < 0 for n in shape) or math.prod(shape) * dtype.itemsize != len(blob):
        raise WireError("array size does not match its shape")
    return np.frombuffer(blob, dtype=dtype).reshape(shape).copy()


def _loads(data: bytes):
    text, blobs = _split(data)

    def hook(v: dict):
        # called by the JSON parser for every object, innermost first: one pass, no second walk
        if "$nd" in v:
            return array_from(v, blobs)
        if len(v) == 1 and "$tuple" in v:
            items = v["$tuple"]
            return tuple(items) if isinstance(items, list) else items
        return v

    try:
        return json.loads(text, object_hook=hook)
    except json.JSONDecodeError as err:
        raise WireError(f"unreadable message: {err}") from err


# ── reports: what a learner's process sends back ──────────────────────────────────────────────
# Plain JSON (lists, no tuples) with arrays as headers: encoded by the C encoder, which calls back
# only for an array, and decoded without a callback per object; the reader (sandbox/reports.py)
# turns a header into its array only where it expects one (`array_from`).

def dumps_report(obj) -> bytes:
    """A report as wire bytes; a tuple goes as a list."""
    arrays: list[bytes] = []
    np = lazynumpy.loaded()

    def array(v):
        if np is not None and isinstance(v, np.ndarray):
            return _header(v, arrays)
        if np is not None and isinstance(v, np.generic):
            return v.item()
        raise WireError(f"cannot send a {type(v).__name__}")

    head = json.dumps(obj, default=array).encode()
    out = [_LEN.pack(len(head)), head, _LEN.pack(len(arrays))]
    for blob in arrays:
        out += [_LEN.pack(len(blob)), blob]
    return b"".join(out)


def loads_report(data: bytes) -> tuple[object, list]:
    """(the report with its arrays still headers, the buffers they name), or WireError."""
    try:
        text, blobs = _split(data)
        return json.loads(text), blobs
    except WireError:
        raise
    except (ValueError, TypeError, RecursionError, MemoryError, struct.error) as err:
        raise WireError(f"unreadable message: {type(err).__name__}") from err


def frame(payload: bytes) -> bytes:
    return _LEN.pack(len(payload)) + payload


def read_frame(read_exact, cap: int = MAX_FRAME) -> bytes | None:
    """One frame via read_exact(n) -> bytes (b"" at EOF); None at a clean EOF."""
    head = read_exact(8)
    if not head:
        return None
    if len(head) < 8:
        raise WireError("truncated frame header")
    (n,) = _LEN.unpack(head)
    if n > cap:
        raise WireError(f"frame of {n} bytes exceeds the {cap}-byte cap")
    body = read_exact(n)
    if len(body) < n:
        raise WireError("truncated frame")
    return body
