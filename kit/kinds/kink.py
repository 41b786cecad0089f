"""An exercise whose answer has a kink: at the kink every value between the one-sided answers is a
valid subgradient (ReLU's slope at 0 may be anything in [0, 1]), and the learner may pick any.

`at(*args, slope)` is the reference computed with the kink's slope set to `slope` (0 and 1 give the
one-sided answers; a reference from derivations.py takes it as its last argument):

    kink = d.case(between(at), "a batch with z1[0, 0] == 0 exactly (the kink)", *net)
    "kink": with_options([ordinary, kink], note=slope_note(at, "z1 == 0", "ReLU slope", {0: "PyTorch's"}))
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from kit import compare
from kit.derive import Bounds


def between(at: Callable) -> Callable:
    """Expected values at a kink: anything between at(..., 0.0) and at(..., 1.0), item by item of a tuple."""
    def expected(*args):
        lo, hi = at(*args, 0.0), at(*args, 1.0)
        pairs = zip(lo, hi) if isinstance(lo, tuple) else [(lo, hi)]
        bounds = tuple(Bounds(np.minimum(a, b), np.maximum(a, b)) for a, b in pairs)
        return bounds if isinstance(lo, tuple) else bounds[0]
    return expected


def slope_note(at: Callable, where: str, what: str = "slope", conventions: dict | None = None) -> Callable:
    """`note=` for a kink check: which slope the learner's answer implies, read off the entry where the
    one-sided answers differ most, and the convention it is known by (`conventions`: slope -> name)."""
    def note(*args) -> str:
        *args, value = args
        lo, hi = at(*args, 0.0), at(*args, 1.0)
        tupled = isinstance(lo, tuple)
        items = (value.get("items") or []) if tupled else [value]
        if len(items) != (len(lo) if tupled else 1):
            return ""
        got, a, b = [], [], []
        for desc, lo_k, hi_k in zip(items, lo if tupled else (lo,), hi if tupled else (hi,)):
            mine = compare.received(desc)[0]
            if mine is None or mine.size != np.size(lo_k) or mine.dtype.kind not in "biuf":
                return ""
            got, a, b = got + list(mine.astype(float).ravel()), a + list(np.ravel(lo_k)), b + list(np.ravel(hi_k))
        i = int(np.argmax(np.abs(np.subtract(b, a)))) if a else 0
        if not a or a[i] == b[i]:
            return ""
        slope = round((got[i] - a[i]) / (b[i] - a[i]), 6) + 0.0
        name = (conventions or {}).get(slope, "")
        return f"at {where} your {what} is {slope:.3g}" + (f" ({name})" if name else "") + "; any value in [0, 1] is valid"
    return note
