"""The wire between the grader and learner code carries numbers only: no pickle, no objects."""

from __future__ import annotations

import json
import struct

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays, scalar_dtypes

from kit import wire


@given(arrays(scalar_dtypes(), array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=4)))
def test_wire_round_trips_numeric_arrays_exactly(a):
    if a.dtype.kind not in wire.NUMERIC:
        with pytest.raises(wire.WireError):
            wire.dumps({"a": a})
        return
    back = wire.loads(wire.dumps({"a": a, "t": (a, 1.5, None, "s")}))
    assert back["a"].dtype == a.dtype and back["a"].shape == a.shape
    assert back["a"].tobytes() == a.tobytes()
    assert isinstance(back["t"], tuple) and back["t"][1:] == (1.5, None, "s")


def test_wire_refuses_object_arrays_on_the_way_out():
    with pytest.raises(wire.WireError):
        wire.dumps({"x": np.array([object()])})


def forged(header: dict, blob: bytes) -> bytes:
    head = json.dumps(header).encode()
    return struct.pack("<Q", len(head)) + head + struct.pack("<Q", 1) + struct.pack("<Q", len(blob)) + blob


@pytest.mark.parametrize("header,blob,says", [
    pytest.param({"$nd": 0, "dtype": "|O", "shape": [1]}, b"\0" * 8, "refusing", id="object-dtype"),
    pytest.param({"$nd": 0, "dtype": "[('a', '<f8')]", "shape": [1]}, b"\0" * 8, None, id="structured-dtype"),
    pytest.param({"$nd": 0, "dtype": "<f8", "shape": [3]}, b"\0" * 8, "size", id="short-buffer"),
    pytest.param({"$nd": 5, "dtype": "<f8", "shape": [1]}, b"\0" * 8, "header", id="missing-buffer"),
    pytest.param({"$nd": 0, "dtype": "<f8", "shape": [-1]}, b"\0" * 8, None, id="negative-shape"),
])
def test_wire_refuses_forged_messages(header, blob, says):
    with pytest.raises(wire.WireError, match=says):
        wire.loads(forged(header, blob))


def test_wire_refuses_truncated_messages():
    data = wire.dumps({"a": np.arange(10.0)})
    for cut in (3, 12, len(data) - 1):
        with pytest.raises(wire.WireError):
            wire.loads(data[:cut])


def test_numpy_half_imported_by_another_thread_is_not_taken_for_loaded(monkeypatch):
    """kit check encodes its first messages while a thread may be importing NumPy: a module in
    sys.modules without ndarray yet must read as "not loaded", never raise."""
    import sys
    import types

    from kit import cachekey, lazynumpy
    from kit.spec import Placeholder, is_array

    real = sys.modules["numpy"]
    half = types.ModuleType("numpy")   # what another thread's import shows: its spec, not yet its names
    half.__spec__ = real.__spec__
    monkeypatch.setitem(sys.modules, "numpy", half)
    assert lazynumpy.loaded() is None
    assert wire.loads(wire.dumps({"parts": [1, "a", (2, 3)]})) == {"parts": [1, "a", (2, 3)]}
    assert not is_array(1.5) and is_array(Placeholder(True))
    cachekey.numpy_version.cache_clear()
    try:
        assert cachekey.numpy_version() == real.__version__   # read from NumPy's version.py
    finally:
        cachekey.numpy_version.cache_clear()


# ── reports: what a learner's process sends back (harness → sandbox/reports.py) ─────────────────

def _slot(n: int = 1):
    from kit.sandbox.reports import Slot

    call = {"func": "f", "args": (np.zeros(3),), "arrays": [True]}
    return Slot("own", 0, "f", (call,) * n)


def _report(outcomes: list) -> dict:
    return {"event": "exercise", "part": 0, "name": "f", "phase": "own", "outcomes": outcomes}


def test_a_report_round_trips_its_arrays_exactly():
    from kit.sandbox import reports

    got, after = np.array([[1.5, -0.0], [np.nan, 2.0]]), np.arange(3.0)
    sent = {"status": "ok", "value": {"kind": "tuple", "length": 2, "items": [
        {"kind": "ndarray", "value": got}, {"kind": "int", "value": np.asarray(7)}]},
        "seconds": 0.25, "args_after": [after], "warnings": ["RuntimeWarning: overflow"]}
    back = reports.parse(wire.dumps_report(_report([sent])), _slot())["outcomes"][0]
    first, second = back["value"]["items"]
    assert first["value"].tobytes() == got.tobytes() and first["value"].dtype == got.dtype
    assert second["value"].item() == 7 and back["args_after"][0].tobytes() == after.tobytes()
    assert back["warnings"] == sent["warnings"] and back["seconds"] == 0.25


def _forged_report(outcomes: list, blobs: list[bytes]) -> bytes:
    head = json.dumps(_report(outcomes)).encode()
    out = struct.pack("<Q", len(head)) + head + struct.pack("<Q", len(blobs))
    return out + b"".join(struct.pack("<Q", len(b)) + b for b in blobs)


@pytest.mark.parametrize("header,says", [
    pytest.param({"$nd": 0, "dtype": "|O", "shape": [1]}, "refusing", id="object-dtype"),
    pytest.param({"$nd": 0, "dtype": "<f8", "shape": [1] * 65}, "size", id="65-dimensions"),
    pytest.param({"$nd": 0, "dtype": "<f8", "shape": [3]}, "size", id="short-buffer"),
    pytest.param({"$nd": 5, "dtype": "<f8", "shape": [1]}, "header", id="missing-buffer"),
    pytest.param({"$nd": "0", "dtype": "<f8", "shape": [1]}, "not a numeric array", id="index-not-an-int"),
    pytest.param({"$tuple": [1, 2]}, "not a numeric array", id="not-an-array"),
])
def test_a_report_with_a_forged_array_is_malformed(header, says):
    from kit.sandbox import reports

    outcome = {"status": "ok", "value": {"kind": "ndarray", "value": header}, "seconds": 0.0,
               "args_after": [None], "warnings": []}
    with pytest.raises(reports.Malformed, match=says):
        reports.parse(_forged_report([outcome], [b"\0" * 8]), _slot())


def test_a_buffer_named_twice_is_malformed_so_a_report_never_decodes_to_more_than_itself():
    from kit.sandbox import reports

    header = {"$nd": 0, "dtype": "<f8", "shape": [2**17]}
    outcome = {"status": "ok", "value": {"kind": "tuple", "length": 8, "items": [{"kind": "ndarray", "value": header}] * 8},
               "seconds": 0.0, "args_after": [header], "warnings": []}
    with pytest.raises(reports.Malformed, match="twice"):
        reports.parse(_forged_report([outcome] * 3, [b"\0" * 2**20]), _slot(3))


def test_an_array_where_text_is_expected_is_malformed_not_decoded():
    from kit.sandbox import reports

    header = {"$nd": 0, "dtype": "<f8", "shape": [1]}
    outcome = {"status": "ok", "value": {"kind": "ndarray", "value": {"$nd": 1, "dtype": "<f8", "shape": [1]}},
               "seconds": 0.0, "args_after": [None], "warnings": [header]}
    with pytest.raises(reports.Malformed, match="warnings"):
        reports.parse(_forged_report([outcome], [b"\0" * 8, b"\0" * 8]), _slot())
