"""Judging a Euclidean projection P onto a closed convex set C (a simplex, a ball, a box): beyond its
values, what makes P(x) THE projection.

- `nearest`: P(x) lies in C, and the variational inequality <x - P(x), z - P(x)> <= 0 holds for every
  z in C tried. The exact projection is always among the z tried, which makes the test complete (a
  feasible p != P(x) has <x - p, P(x) - p> >= ||P(x) - p||**2 > 0); the session's own feasible points
  (vertices, the centre) come first, so the message can show a plain z that is nearer.
- `idempotent`: P(P(x)) == P(x): a point of C is its own projection. The second call runs in the
  learner's process on the learner's own first answer, through a helper (`helpers(...)` below).
- `fresh`: the answer is a new array, never the caller's x or a view of it, even when x is already in C
  (where "return x" is tempting): the caller may change the answer and must not change its x by that.

    HELPERS = helpers("project_simplex")
    "variational-inequality": nearest("project_simplex/variational-inequality", cases, style, member, corners),
    "idempotent": idempotent("project_simplex/idempotent", cases, style),
    "fresh-array": fresh("project_simplex/fresh-array", feasible_cases, style),

`member(p, *args)` returns "" when p is in C, else how it is not ("has a negative entry -0.2").
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from kit import compare, feedback
from kit.judges import Case, Style, prepared, value_finding
from kit.spec import Call, Check, Verdict

TOL = 1e-8       # relative to the input's scale: how far round-off may push an answer out of C


def helpers(func: str) -> str:
    """Source of `_again_<func>(*args)` -> (p, P(p)) and `_fresh_<func>(*args)` -> (p, shares memory with x)."""
    return (f"\n\ndef _again_{func}(x, *rest):\n    p = {func}(x, *rest)\n    return p, {func}(p, *rest)\n"
            f"\n\ndef _fresh_{func}(x, *rest):\n    import numpy as _np\n    p = {func}(x, *rest)\n"
            f"    return p, _np.asarray(float(p is x or (isinstance(p, _np.ndarray) and isinstance(x, _np.ndarray)"
            f" and _np.shares_memory(p, x))))\n")


def _scale(x) -> float:
    return 1.0 + float(np.max(np.abs(x), initial=0.0))


def _head(func: str, case: Case, style: Style) -> str:
    return "\n".join(feedback.input_lines(style.names, case.args))


def nearest(check_id: str, cases: list[Case], style: Style, member: Callable, feasible: Callable = lambda *a: [],
            *, points: int = 1) -> Check:
    """P(x) is in C and satisfies <x - P(x), z - P(x)> <= 0 for the session's feasible z (`feasible(*args)`)
    and for the exact projection (each case's expected value)."""
    func = check_id.split("/")[0]
    prepared(cases, style, lambda case: feasible(*case.args))

    def judge(outcomes: list[dict]) -> Verdict:
        for case, outcome in zip(cases, outcomes):
            got, problem = compare.received(outcome["value"])
            x = np.asarray(case.args[0], dtype=float)
            if got is None or got.shape != x.shape or got.dtype.kind not in "biuf" or not np.isfinite(got).all():
                shown = problem or (f"shape {got.shape}" if got is not None and got.shape != x.shape else "non-finite values")
                return Verdict(False, f"{func} on {case.label}: returned {shown}; expected a finite array of x's shape "
                                      f"{x.shape}\n{_head(func, case, style)}")
            p, tol = got.astype(float), TOL * _scale(x) ** 2
            outside = member(p, *case.args)
            if outside:
                return Verdict(False, f"{func} on {case.label}: the answer is not in the set: it {outside}\n"
                                      f"{_head(func, case, style)}\n  got       {feedback.fmt(p)}\n"
                                      f"  formula   {style.formula}   (see {style.source})")
            for z in [*feasible(*case.args), case.expected]:
                gap = float(np.dot(x - p, np.asarray(z, dtype=float) - p))
                if gap > tol:
                    return Verdict(False, "\n".join([
                        f"{func} on {case.label}: the answer is in the set but it is not the NEAREST point to x",
                        _head(func, case, style), f"  got       p = {feedback.fmt(p)}",
                        f"  but       z = {feedback.fmt(z)} is in the set too, and <x - p, z - p> = {gap:.4g} > 0: "
                        f"moving from p toward z comes closer to x ({np.linalg.norm(x - p):.4g} now)",
                        "  why       the projection P(x) is the one point of the set with <x - P(x), z - P(x)> <= 0 for "
                        "EVERY z in it (the variational inequality: x - P(x) points away from the whole set)",
                        f"  formula   {style.formula}   (see {style.source})"]))
        return Verdict(True)

    return Check(check_id, [Call(func, c.args, c.label, style.names) for c in cases], judge, points)


def _pair(outcome: dict):
    value = outcome.get("value", {})
    if value.get("kind") not in ("tuple", "list") or value.get("length") != 2:
        return None
    return value["items"]


def idempotent(check_id: str, cases: list[Case], style: Style, feasible: list[Case] = (), *, points: int = 1) -> Check:
    """A point already in the set comes back where it is: each of `feasible` (inputs in C, expected = the
    input) directly, and the learner's own answer on each of `cases`, projected a second time."""
    func = check_id.split("/")[0]
    prepared([*cases, *feasible], style)

    def judge(outcomes: list[dict]) -> Verdict:
        for case, outcome in zip(feasible, outcomes):
            wrong = value_finding(func, case, outcome, style, list(zip(feasible, outcomes)))
            if wrong:
                return Verdict(False, wrong.message + "\n  why       this input is already in the set: its nearest point is "
                                      "itself (P(z) == z for z in the set)", mistake=wrong.mistake)
        for case, outcome in zip(cases, outcomes[len(feasible):]):
            first, second = _pair(outcome) or (None, None)
            wrong = value_finding(func, case, {**outcome, "value": first}, style) if first else None
            if wrong:
                return Verdict(False, wrong.message, mistake=wrong.mistake)
            p, again = compare.received(first)[0], compare.received(second)[0]
            p_again_ok = again is not None and again.shape == p.shape and compare.close_mask(
                again.astype(float), p.astype(float), style.rtol, style.atol).all()
            if not p_again_ok:
                return Verdict(False, "\n".join([
                    f"{func} on {case.label}: its answer p is right, but projecting p again moved it",
                    _head(func, case, style), f"  p         {feedback.fmt(p)}",
                    f"  P(p)      {feedback.fmt(again)}",
                    "  why       p is in the set, and a point of the set is its own nearest point: P(P(x)) == P(x). "
                    "Check the case where the input is already feasible (nothing to move)"]))
        return Verdict(True)

    calls = [Call(func, c.args, c.label, style.names) for c in feasible]
    calls += [Call(f"_again_{func}", c.args, c.label, style.names, on_behalf=func) for c in cases]
    return Check(check_id, calls, judge, points)


def fresh(check_id: str, cases: list[Case], style: Style, *, advice: str = "", points: int = 1) -> Check:
    """Right on every case, and the answer is never the caller's x itself (or a view of it)."""
    func = check_id.split("/")[0]
    prepared(cases, style)

    def judge(outcomes: list[dict]) -> Verdict:
        for case, outcome in zip(cases, outcomes):
            first, alias = _pair(outcome) or (None, None)
            wrong = value_finding(func, case, {**outcome, "value": first}, style) if first else None
            if wrong:
                return Verdict(False, wrong.message, mistake=wrong.mistake)
            if compare.received(alias)[0] is None or float(compare.received(alias)[0]) != 0.0:
                return Verdict(False, "\n".join([
                    f"{func} on {case.label}: returned the caller's own array (or a view of it)",
                    _head(func, case, style),
                    "  why       a caller that changes the answer (p *= 2, p[0] = 0) would change its x too; the "
                    f"docstring asks for a new array even when x is already in the set. {advice}".rstrip()]),
                    mistake="returned the caller's array")
        return Verdict(True)

    calls = [Call(f"_fresh_{func}", c.args, c.label, style.names, on_behalf=func) for c in cases]
    return Check(check_id, calls, judge, points)
