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
