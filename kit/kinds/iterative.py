"""Judging an iterative solver that returns (x, steps): it stops where its contract says (the residual
at or below tol, or max_steps spent), its x is as near the exact solution as meeting tol guarantees,
and, where the method has a proven rate, it takes no more steps than the rate's bound.

What the residual is, where the exact solution lies, the bound and the methods known to be slower
belong to the session (a `Solver`); this module says what a failure looks like, the same way for
gradient descent on a quadratic (session 05) as for EM, t-SNE or a constrained solver later:

    gd = Solver(residual=lambda w, A, b, *_: np.linalg.norm(A @ w - b), exact=..., radius=..., bound=...)
    "reaches-tolerance": converges("gd_to_tolerance/reaches-tolerance", "gd_to_tolerance", cases, style, gd),
    "within-bound": converges("gd_to_tolerance/within-bound", "gd_to_tolerance", cases, style, gd, bound=True),

A slower method is named as the mistake only when its step count is the learner's on two inputs (or on
the only one), so one coincidence does not name it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from kit import compare, feedback, judges, once
from kit.spec import Call, Check, Verdict


def _nothing(*args) -> list:
    return []


@dataclass
class Solver:
    """One iterative method's contract; every callable takes the call's arguments."""

    residual: Callable            # (x, *args) -> float: what the solver drives down to tol (e.g. ||grad f(x)||)
    exact: Callable               # (*args) -> the exact solution
    radius: Callable              # (*args) -> how far from it an x whose residual is <= tol can lie
    start: int = 0                # positions among the arguments: the starting point, tol, max_steps
    tol: int = 1
    max_steps: int = 2
    bound: Callable | None = None       # (*args) -> the most steps the method needs (the check allows +1)
    slower: Callable = _nothing         # (*args) -> [(words, steps, why)]: slower methods, their step counts here
    facts: Callable = _nothing          # (*args) -> lines shown under every failure (eigenvalues, step sizes, …)
    residual_name: str = "||grad||"
    method: str = "the method"          # how the bound's message names the method ("gradient descent with lr = …")
    exact_name: str = "the exact solution"
    advice: str = ""                    # what to try when it diverges or stalls


def converges(check_id: str, func: str, cases: list, style, solver: Solver, *, bound: bool = False,
              points: int = 1) -> Check:
    """The returned x meets tol (or max_steps is spent) and lies within `radius` of the exact solution;
    with `bound`, the step count is also a whole number within the method's bound."""
    if judges.recording():     # the same for every learner: worked out now, so kit release records it
        for case in cases:
            for what in ("exact", "radius", "facts", "slower", "r0", *(("bound",) if bound and solver.bound else ())):
                _given(solver, case.args, what)

    def judge(outcomes: list[dict]) -> Verdict:
        with np.errstate(all="ignore"):   # a diverged answer may hold inf: the residuals say so
            counts = [(case.args, _answer(outcome, solver, case.args)[1]) for case, outcome in zip(cases, outcomes)]
            for case, outcome in zip(cases, outcomes):
                verdict = _judged(func, case, outcome, style, solver, bound, counts)
                if verdict:
                    return verdict
        return Verdict(True)

    return Check(check_id, [Call(func, c.args, c.label, style.names) for c in cases], judge, points)


def _answer(outcome: dict, solver: Solver, args: tuple):
    """(x, steps, problem): the learner's returned pair as arrays, or a problem saying why not."""
    value = outcome.get("value", {})
    if value.get("kind") not in ("tuple", "list") or value.get("length") != 2:
        return None, None, f"returned {value.get('kind')}, expected a tuple (x, steps)"
    (x, bad_x), (steps, bad_steps) = (compare.received(item) for item in value["items"])
    if x is None or steps is None:
        return None, None, bad_x or bad_steps
    if x.shape != np.shape(args[solver.start]):
        return None, None, f"its first output has shape {x.shape}, expected {np.shape(args[solver.start])} (the start's)"
    count = float(steps) if steps.ndim == 0 and steps.dtype.kind in "biuf" else np.nan
    return x.astype(float), count, ""


def _judged(func, case, outcome, style, solver: Solver, bound: bool, counts: list) -> Verdict | None:
    args, head = case.args, f"{func} on {case.label}"
    shown = "\n".join(feedback.input_lines(style.names, args))
    x, count, problem = _answer(outcome, solver, args)
    if problem:
        return Verdict(False, f"{head}: {problem}\n{shown}")
    tol, max_steps, name = args[solver.tol], args[solver.max_steps], solver.residual_name
    facts = "\n".join([shown, *_given(solver, args, "facts"), f"  formula   {style.formula}   (see {style.source})"])
    r0 = _given(solver, args, "r0")
    r_end = float(solver.residual(x, *args)) if np.isfinite(x).all() else np.inf
    if not r_end <= tol * (1 + 1e-6) + 1e-12:
        if not np.isfinite(r_end) or r_end > r0:
            why = f"the iteration diverged: {name} went from {r0:.4g} to {r_end:.4g}. {solver.advice}"
        elif count >= max_steps:
            why = (f"after max_steps = {max_steps} steps {name} is still {r_end:.4g} > tol = {tol:.4g} (it started at "
                   f"{r0:.4g}): the iteration does not shrink it in every direction, or far too slowly. {solver.advice}")
        else:
            why = (f"it stopped with {name} = {r_end:.4g} > tol = {tol:.4g} after steps = {count:g}: keep stepping "
                   f"while {name} > tol (up to max_steps = {max_steps})")
        return Verdict(False, f"{head}: {why}\n{facts}")
    far, radius = float(np.linalg.norm(x - _given(solver, args, "exact"))), _given(solver, args, "radius")
    if far > radius * (1 + 1e-6) + 1e-12:
        x_name = style.outputs[0] if style.outputs else "x"
        return Verdict(False, f"{head}: {x_name} is {far:.3g} from {solver.exact_name}, more than the {radius:.3g} that "
                              f"{name} <= tol allows\n{facts}")
    if not (bound and solver.bound):
        return None
    limit = _given(solver, args, "bound")
    if count == np.round(count) and 0 <= count <= limit + 1:
        return None
    mistake = why = ""
    for words, steps, because in _slower(solver, args):
        seen = sum(c == s for a, c in counts for w, s, _ in _slower(solver, a) if w == words) if count == steps else 0
        if seen >= min(2, len(counts)):
            mistake, why = words, f"\n  looks like {words}: it takes {steps} steps here; {because}"
            break
    took = f"took steps = {count:g}" if np.isfinite(count) else "steps is not one whole number"
    return Verdict(False, f"{head}: {took}; {solver.method} needs at most {limit:.0f} here (the bound "
                          f"from its convergence factor, +1 for rounding)\n{facts}{why}", mistake=mistake)


_GIVEN: dict = {}
_WORK = {"facts": lambda s, args: list(s.facts(*args)), "exact": lambda s, args: s.exact(*args),
         "radius": lambda s, args: float(s.radius(*args)), "bound": lambda s, args: float(s.bound(*args)),
         "slower": lambda s, args: list(s.slower(*args)),
         "r0": lambda s, args: float(s.residual(np.asarray(args[s.start], dtype=float), *args))}


def _given(solver: Solver, args: tuple, what: str):
    """What the solver says of a plan's input (the same for every learner), worked out once."""
    said = once.per_object(_GIVEN, (solver, args), dict)
    if what not in said:
        said[what] = _WORK[what](solver, args)
    return said[what]


def _slower(solver: Solver, args: tuple) -> list:
    return _given(solver, args, "slower")
