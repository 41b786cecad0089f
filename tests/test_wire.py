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
