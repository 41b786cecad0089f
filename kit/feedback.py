"""Message templates: every failure says which exercise, on which input, expected vs got, where
it goes wrong, what mistake it looks like, and the derivation's formula to go back to.

Only one small example is ever shown, so a message never leaks more expected values than that.
"""

from __future__ import annotations

import re

import numpy as np

from kit import once
from kit.compare import Mismatch, bounds_of
from kit.raised import KEEPDIMS_WORDS, not_ok, raised_mistake  # noqa: F401  (kinds use them from here)

SHOW = 6          # entries shown of a larger array


def fmt(value) -> str:
    if value is None:
        return "None"
    a = np.asarray(value)
    if a.dtype.kind == "f":
        a = a + 0.0   # -0.0 reads as a mistake; it is not one
    if a.ndim == 0:
        return f"{a.item():.6g}" if a.dtype.kind in "fc" else str(a.item())
    if a.size == 0:
        return f"[] (empty, shape {a.shape})"
    return np.array2string(a, precision=4, separator=", ", threshold=SHOW * 2, edgeitems=SHOW // 2,
                           suppress_small=False, max_line_width=100)


_SHOWN: dict = {}


def fmt_plan(value) -> str:
    """fmt of an array the plan owns (an input, an expected value): the same object for every learner
    of a group, so it is formatted once."""
    if not isinstance(value, np.ndarray) or value.size < 2:
        return fmt(value)
    return once.per_object(_SHOWN, (value,), lambda: fmt(value), cap=20_000)


def input_lines(names, args, label: str = "input") -> list[str]:
    """The input, on one line when it fits, else one argument per line with arrays lined up."""
    shown = [(n, fmt_plan(a)) for n, a in zip(names, args)]
    head = f"  {label:<9} "
    if all("\n" not in text for _, text in shown):
        return [head + ", ".join(f"{n} = {text}" for n, text in shown)]
    width = max(len(n) for n, _ in shown)
    lines = []
    for i, (n, text) in enumerate(shown):
        prefix = (head if i == 0 else " " * len(head)) + f"{n:<{width}} = "
        lines.append(prefix + indented(text, len(prefix)))
    return lines


def indented(text: str, by: int) -> str:
    """A multi-line array lined up under its first line."""
    return text.replace("\n", "\n" + " " * by)


def fmt_expected(expected) -> str:
    lo, hi = bounds_of(expected)
    if lo is hi or np.array_equal(lo, hi, equal_nan=True):
        return fmt_plan(lo)
    if lo.ndim == 0:
        return f"anything in [{fmt(lo)}, {fmt(hi)}]"
    return f"between {fmt_plan(lo)} and {fmt_plan(hi)} (entrywise)"


def picked(mismatch: Mismatch, expected, limit: int = 4) -> np.ndarray:
    """Indices worth showing: a few wrong entries, then one right one for contrast."""
    wrong = np.argwhere(mismatch.wrong) if mismatch.wrong is not None else np.empty((0, 0), int)
    chosen = [tuple(i) for i in wrong[:limit]]
    if mismatch.wrong is not None:
        right = np.argwhere(~mismatch.wrong)
        if len(right):
            chosen.append(tuple(right[0]))
    return chosen


def element_rows(names, args, expected, got, indices) -> list[str]:
    """One line per chosen entry of an elementwise function: its inputs, expected and got."""
    lo, hi = bounds_of(expected)
    rows = []
    for idx in indices:
        parts = []
        for name, a in zip(names, args):
            a = np.asarray(a)
            parts.append(f"{name} = {fmt(a[idx])}" if a.shape == lo.shape and a.ndim else f"{name} = {fmt(a)}")
        want = fmt(lo[idx]) if lo[idx] == hi[idx] else f"anything in [{fmt(lo[idx])}, {fmt(hi[idx])}]"
        where = "[" + ", ".join(map(str, idx)) + "]"
        rows.append(f"at {where}: {', '.join(parts)} → expected {want}, got {fmt(got[idx])}")
    return rows


def failure(*, exercise: str, case: str, names, args, expected, mismatch: Mismatch, elementwise: bool,
            where: str = "", mistake: str = "", advice: str = "", formula: str = "", source: str = "",
            outputs: tuple = ()) -> str:
    part = ""
    if mismatch.part is not None:
        label = outputs[mismatch.part] if mismatch.part < len(outputs) else f"output {mismatch.part + 1}"
        part = f" (in {label})"
        expected = expected[mismatch.part]
    lines = [f"{exercise} on {case}: {mismatch.text}{part}"]
    small = all(np.size(a) <= SHOW * 2 for a in args)
    if mismatch.kind in ("values", "nonfinite") and elementwise and not small:
        lines += ["  " + row for row in element_rows(names, args, expected, mismatch.got, picked(mismatch, expected))]
    else:
        lines += input_lines(names, args)
        if mismatch.kind in ("values", "nonfinite"):
            lines.append("  expected  " + indented(fmt_expected(expected), 12))
            lines.append("  got       " + indented(fmt(mismatch.got), 12))
            if mismatch.wrong is not None and np.ndim(mismatch.got) and not small:
                idx = tuple(np.argwhere(mismatch.wrong)[0])
                lo, _ = bounds_of(expected)
                lines.append(f"  first wrong entry [{', '.join(map(str, idx))}]: expected {fmt(lo[idx])}, got {fmt(mismatch.got[idx])}")
    if where:
        lines.append("  where     " + where)
    if mistake:
        lines.append("  looks like " + mistake + (f": {advice}" if advice else ""))
    elif advice:
        lines.append("  hint      " + advice)
    if formula:
        lines.append("  formula   " + formula + (f"   (see {source})" if source else ""))
    return "\n".join(lines)


def modified_input(*, exercise: str, case: str, name: str, before, after, advice: str = "") -> str:
    lines = [f"{exercise} on {case}: modified its argument `{name}` in place, so the caller's array changed",
             f"  {name} before  {fmt(before)}", f"  {name} after   {fmt(after)}"]
    lines.append("  hint      " + (advice or f"work on a copy ({name}.copy()) or build a new array; never write into an input"))
    return "\n".join(lines)


def warned(*, exercise: str, case: str, names, args, warnings: list[str], advice: str) -> str:
    return "\n".join([f"{exercise} on {case}: NumPy warned: {'; '.join(warnings)}",
                      *input_lines(names, args), "  hint      " + advice])

