"""Expected vs got: is the learner's value acceptable, and if not, where and how is it wrong.

Everything here runs in the kit's process on plain arrays received from the learner's process.
A correct answer never loses points: integer or float outputs, NumPy or Python scalars for 0-d
results, anything inside a set of valid values (Bounds), within a tolerance scaled to the values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kit.derive import Bounds

RTOL = 1e-6
ATOL = 1e-9


@dataclass
class Mismatch:
    kind: str                       # "type" | "shape" | "dtype" | "nonfinite" | "values"
    text: str                       # one line: what is wrong
    got: np.ndarray | None = None   # the learner's value, as float, when it has one
    wrong: np.ndarray | None = None # elementwise: which entries are wrong
    part: int | None = None         # which output of a tuple


def received(desc: dict) -> tuple[np.ndarray | None, str]:
    """The learner's single returned value as an array, or why it is not one."""
    kind = desc.get("kind", "?")
    if "too_large" in desc:
        return None, f"returned an array of shape {tuple(desc['too_large'])}, far larger than the input"
    if "value" not in desc:
        if kind in ("list", "tuple"):
            return None, f"returned a {kind}; return a NumPy array (np.asarray(...) or build it with NumPy)"
        if kind == "None":
            return None, "returned None: is a `return` statement missing?"
        return None, f"returned a {kind}, expected a NumPy array"
    return np.asarray(desc["value"]), ""


def bounds_of(expected) -> tuple[np.ndarray, np.ndarray]:
    if isinstance(expected, Bounds):
        return expected.lo, expected.hi
    if not (isinstance(expected, np.ndarray) and expected.dtype == np.float64):
        expected = np.asarray(expected, dtype=float)   # (a float64 array read back from a plan file would come back a new view)
    return expected, expected


def close_mask(got: np.ndarray, expected, rtol: float = RTOL, atol: float = ATOL) -> np.ndarray:
    """Elementwise: got within tolerance of the expected value or inside its valid set."""
    lo, hi = bounds_of(expected)
    window = _exact_window(lo, rtol, atol) if lo is hi else None
    if window is not None:      # one finite exact answer: within atol + rtol |e| of it
        return (got >= window[0]) & (got <= window[1])
    with np.errstate(all="ignore"):
        # each end of the valid set gets a tolerance scaled to its own size
        tol_lo = atol + rtol * np.where(np.isfinite(lo), np.abs(lo), 0.0)
        tol_hi = atol + rtol * np.where(np.isfinite(hi), np.abs(hi), 0.0)
        ok = (got >= lo - tol_lo) & (got <= hi + tol_hi)
    both_inf = np.isinf(got) & (got == lo) & (got == hi)
    return ok | both_inf


def match(desc: dict, expected, rtol: float = RTOL, atol: float = ATOL) -> Mismatch | None:
    """None when the value is acceptable, else the first thing wrong with it."""
    if isinstance(expected, tuple):
        kind = desc.get("kind")
        items = desc.get("items", [])
        if kind not in ("tuple", "list") or desc.get("length") != len(expected):
            return Mismatch("type", f"returned {_kind_phrase(desc)}, expected a tuple of {len(expected)} values")
        for i, (item, want) in enumerate(zip(items, expected)):
            found = match(item, want, rtol, atol)
            if found:
                found.part = i
                return found
        return None
    got, problem = received(desc)
    if got is None:
        return Mismatch("type", problem)
    lo, hi = bounds_of(expected)
    if got.shape != lo.shape:
        return Mismatch("shape", f"returned shape {got.shape}, expected {lo.shape}" + _shape_hint(got.shape, lo.shape))
    if got.dtype.kind == "c":
        return Mismatch("dtype", "returned complex numbers; the answer is real (np.linalg.eigh, not eig, for symmetric matrices)")
    got = got.astype(float)
    window = _exact_window(lo, rtol, atol) if lo is hi else None
    if window is not None:      # one finite exact answer (most checks): within atol + rtol |e| of it; nan is not
        ok = (got >= window[0]) & (got <= window[1])
        if ok.all():
            return None
    expected_finite = np.isfinite(lo) & np.isfinite(hi)
    bad = expected_finite & ~np.isfinite(got)
    if bad.any():
        what = "nan" if np.isnan(got[bad]).any() else "inf"
        return Mismatch("nonfinite", f"returned {what} where a finite value is expected (overflow? 0/0?)", got, bad)
    if window is None:
        ok = close_mask(got, expected, rtol, atol)
    if not ok.all():
        text = "wrong value" if ok.size == 1 else f"wrong values at {int((~ok).sum())} of {ok.size} entries"
        return Mismatch("values", text, got, ~ok)
    return None


_WINDOWS: dict[int, tuple] = {}


def _exact_window(expected: np.ndarray, rtol: float, atol: float) -> tuple | None:
    """(e - tol, e + tol) with tol = atol + rtol |e|, for an expected array with no inf or nan (else
    None): comparing with it needs no arithmetic on the learner's values, so nothing can overflow. A
    plan's expected value is the same object for every learner of a group, so this is worked out once
    per value (held by identity, with the object, so an id is never reused)."""
    hit = _WINDOWS.get(id(expected))
    if hit is not None and hit[0] is expected and hit[1] == rtol and hit[2] == atol:
        return hit[3]
    window = None
    if np.isfinite(expected).all():
        with np.errstate(all="ignore"):    # ±1e308 + tol is inf: still the right window
            tol = atol + rtol * np.abs(expected)
            window = (expected - tol, expected + tol)
    if len(_WINDOWS) > 50_000:       # values made on the fly (not a plan's) are never asked for again
        _WINDOWS.clear()
    _WINDOWS[id(expected)] = (expected, rtol, atol, window)
    return window


def _kind_phrase(desc: dict) -> str:
    kind = desc.get("kind", "?")
    if kind in ("tuple", "list"):
        return f"a {kind} of {desc.get('length')}"
    return "None" if kind == "None" else f"a {kind}"


def _shape_hint(got: tuple, want: tuple) -> str:
    if len(got) == 2 and got == want[::-1]:
        return " (looks transposed)"
    if want == () and got != ():
        return " (one number expected: sum over the entries?)"
    if got == () and want != ():
        return " (a single number: a sum or mean over everything, or a 0-d result where an array is due?)"
    if np.prod(got, dtype=int) == np.prod(want, dtype=int):
        return " (same number of entries: a reshape or a transpose?)"
    return ""


def where_wrong(wrong: np.ndarray, regions: list[tuple[str, np.ndarray]]) -> str:
    """"correct for x > 0, wrong for x < 0": which named regions of the input hold the errors."""
    right, bad, mixed = [], [], []
    for label, mask in regions:
        if np.shape(mask) != np.shape(wrong):   # e.g. a scalar output (dw) of an elementwise input: no regions
            return ""
        mask = np.asarray(mask)
        if not mask.any():
            continue
        errors = wrong[mask]
        (bad if errors.all() else mixed if errors.any() else right).append(label)
    parts = []
    if right:
        parts.append("correct for " + " and ".join(right))
    if bad:
        parts.append("wrong for " + " and ".join(bad))
    if mixed:
        parts.append("partly wrong for " + " and ".join(mixed))
    return ", ".join(parts)


def explains(got: np.ndarray, value, rtol: float = RTOL, atol: float = ATOL) -> bool:
    """The learner's value is what a known mistake predicts (right or wrong on this input)."""
    value = np.asarray(value, dtype=float)
    return value.shape == got.shape and bool(close_mask(got, value, rtol, atol).all())


def looks_like(got: np.ndarray, expected, mistakes: list[tuple[str, np.ndarray]],
               rtol: float = RTOL, atol: float = ATOL) -> str:
    """The name of the first known mistake the learner's value matches, else ""."""
    lo, hi = bounds_of(expected)
    for name, value in mistakes:
        value = np.asarray(value, dtype=float)
        if value.shape != got.shape:
            continue
        if close_mask(got, value, rtol, atol).all() and not close_mask(value, expected, rtol, atol).all():
            return name
    return generic_mistake(got, lo, hi)


def generic_mistake(got: np.ndarray, lo: np.ndarray, hi: np.ndarray) -> str:
    """Mistakes recognisable without knowing the exercise: sign, constant factor, zeros, transpose."""
    exact = (lo == hi) & np.isfinite(lo)
    if not exact.any() or got.shape != lo.shape:
        return ""
    g, e = got[exact], lo[exact]
    big = np.abs(e) > 1e-12
    if np.allclose(g, -e, rtol=1e-6, atol=1e-9) and big.any():
        return "the sign is flipped"
    if not g.any() and big.any():
        return "it returns all zeros"
    if big.sum() >= 2:
        ratio = g[big] / e[big]
        if np.allclose(ratio, ratio[0], rtol=1e-6) and np.allclose(g, ratio[0] * e, atol=1e-9) and abs(ratio[0] - 1) > 1e-6:
            return f"off by a constant factor of {ratio[0]:.4g}"
    if got.ndim == 2 and got.shape[0] == got.shape[1] and np.allclose(got.T, lo, rtol=1e-6, atol=1e-9):
        return "it looks transposed"
    return ""


def unchanged(before: tuple, after: list) -> list[int]:
    """Indices of array arguments the learner's call modified."""
    changed = []
    for i, (a, b) in enumerate(zip(before, after)):
        if isinstance(a, np.ndarray) and b is not None:
            b = np.asarray(b)
            if a.shape != b.shape or not np.array_equal(a, b, equal_nan=True):
                changed.append(i)
    return changed
