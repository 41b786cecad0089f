"""Judging an iteration the learner's own functions make, by an objective that must never get worse:
EM's log-likelihood over E-step/M-step rounds, a lower bound (ELBO) over coordinate ascent, the
k-means cost over assignment/update rounds.

The iteration runs in the learner's process through a helper (kit.kinds.through_helper explains
HELPERS): `iterate_helper` writes one that applies a step `iters` times to the parameters and returns
them after every round, flattened, one row per round. The objective is computed here, kit-side,
from those rows, so the learner's own objective function is never what is judged:

    HELPERS = iterate_helper("_em_rounds", "m_step(data, e_step(data, *theta))")
    "em-never-decreases": never_worse("m_step/em-never-decreases", "_em_rounds", cases, style, objective, step=em,
                                      what="the log-likelihood", advice="...")

Each case's args are (data, *theta, iters) and its expected value is the reference's objective after
every round, shape (iters + 1,). The check fails on the first round where the objective gets worse by
more than round-off (saying which round, from what to what), then where it differs from the
reference's curve. The exercise charged is the one the id names.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from kit import compare, feedback
from kit.judges import Case, Style
from kit.recorded import NotRecorded
from kit.spec import Call, Check, Verdict


def iterate_helper(helper: str, step: str) -> str:
    """Source of `helper(data, *theta_and_iters)`: theta = <step> applied iters times (`step` is an
    expression in `data` and `theta`, returning the new parameters as a tuple); returns an array
    (iters + 1, P), row r the parameters after round r, each flattened and concatenated."""
    return (f"\n\ndef {helper}(data, *theta_and_iters):\n    import numpy as _np\n"
            f"    *theta, iters = theta_and_iters\n"
            f"    flat = lambda th: _np.concatenate([_np.ravel(_np.asarray(p, dtype=float)) for p in th])\n"
            f"    rows = [flat(theta)]\n    for _ in range(int(iters)):\n        theta = tuple({step})\n"
            f"        rows.append(flat(theta))\n    return _np.array(rows)\n")


def unflatten(row: np.ndarray, like: tuple) -> tuple:
    """One helper row back into arrays shaped as `like` (the case's starting parameters)."""
    sizes = np.cumsum([0] + [np.size(p) for p in like])
    return tuple(row[a:b].reshape(np.shape(p)) for a, b, p in zip(sizes[:-1], sizes[1:], like))


def never_worse(check_id: str, helper: str, cases: list[Case], style: Style, objective: Callable, *,
                step: Callable, what: str = "the objective", increasing: bool = True, advice: str = "",
                slack: float = 1e-8, points: int = 1) -> Check:
    """The objective (data, *theta) -> float, computed on the learner's rounds, never gets worse (up to
    `slack` relative to its scale) and matches each case's expected curve.

    `step` is the reference's round: a learner's round that is the reference's (to round-off) takes the
    reference's objective. The learner edition, which cannot compute the objective elsewhere (that would
    be an exercise's answer), says instead at which round the parameters leave the reference's."""
    func = check_id.split("/")[0]
    better = "increase" if increasing else "decrease"
    paths = [path(step, *case.args) for case in cases]

    def judge(outcomes: list[dict]) -> Verdict:
        for case, outcome, reference in zip(cases, outcomes, paths):
            head = f"{func} on {case.label}"
            shown = "\n".join(feedback.input_lines(style.names, case.args))
            if outcome.get("status") != "ok":
                return Verdict(False, feedback.not_ok(func, outcome, case.label)[1])
            rows, problem = compare.received(outcome["value"])
            data, *theta, iters = case.args
            if rows is None or rows.shape != (int(iters) + 1, sum(np.size(p) for p in theta)):
                return Verdict(False, f"{head}: your step returned parameters of other shapes than it was given "
                                      f"({problem or 'a different total size'})\n{shown}")
            try:
                curve = _curve(objective, data, tuple(theta), rows.astype(float), reference, case.expected)
            except NotRecorded:
                r = int(np.flatnonzero(~_same(rows.astype(float), reference))[0])
                return Verdict(False, "\n".join([
                    f"{head}: after round {r} your parameters are not the reference's (this learner edition "
                    f"judges the rounds by the reference's parameters)", shown,
                    "  expected  " + feedback.fmt(reference[r]), "  got       " + feedback.fmt(rows[r].astype(float)),
                    f"  hint      {style.hint or advice}", f"  formula   {style.formula}   (see {style.source})"]))
            sign = 1.0 if increasing else -1.0
            scale = slack * (1.0 + np.abs(curve[:-1]))
            worse = np.flatnonzero(~(sign * np.diff(curve) >= -scale))
            lines = [f"  {what:<9} " + feedback.fmt(curve), "  expected  " + feedback.fmt(case.expected)]
            if len(worse):
                r = int(worse[0])
                return Verdict(False, "\n".join([
                    f"{head}: {what} got worse at round {r + 1}, from {curve[r]:.6g} to {curve[r + 1]:.6g} "
                    f"(each round must {better} it, or leave it unchanged)", shown, *lines,
                    f"  hint      {advice}", f"  formula   {style.formula}   (see {style.source})"]))
            if not compare.close_mask(curve, case.expected, style.rtol, style.atol).all():
                return Verdict(False, "\n".join([
                    f"{head}: {what} never gets worse, but it is not the reference's round by round", shown, *lines,
                    f"  hint      {style.hint or advice}", f"  formula   {style.formula}   (see {style.source})"]))
        return Verdict(True)

    calls = [Call(helper, c.args, c.label, style.names, on_behalf=func) for c in cases]
    return Check(check_id, calls, judge, points)


def _same(rows: np.ndarray, reference: np.ndarray) -> np.ndarray:
    """Which of the learner's rounds are the reference's, to round-off."""
    return compare.close_mask(rows, reference, 1e-9, 1e-12).all(axis=1)


def _curve(objective: Callable, data, theta: tuple, rows: np.ndarray, reference: np.ndarray, expected) -> np.ndarray:
    """The objective after each of the learner's rounds: the reference's where the round is the reference's."""
    same = _same(rows, reference)
    curve = []
    with np.errstate(all="ignore"):
        for r, row in enumerate(rows):
            if same[r]:
                curve.append(float(expected[r]))
                continue
            try:
                curve.append(float(objective(data, *unflatten(row, theta))))
            except (ValueError, np.linalg.LinAlgError):      # a covariance that is not one: no objective
                curve.append(np.nan)
    return np.array(curve)


def path(step: Callable, data, *theta_and_iters) -> np.ndarray:
    """The reference's parameters after each round, flattened as the helper flattens the learner's, (iters + 1, P)."""
    *theta, iters = theta_and_iters
    rows = [np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in theta])]
    for _ in range(int(iters)):
        theta = step(data, *theta)
        rows.append(np.concatenate([np.ravel(np.asarray(p, dtype=float)) for p in theta]))
    return np.array(rows)


def rounds(step: Callable, objective: Callable, data, *theta_and_iters) -> np.ndarray:
    """The reference's curve: objective(data, *theta) after each of `iters` rounds of theta = step(data, *theta),
    shape (iters + 1,); a case's expected value for `never_worse`."""
    *theta, iters = theta_and_iters
    curve = [objective(data, *theta)]
    for _ in range(int(iters)):
        theta = step(data, *theta)
        curve.append(objective(data, *theta))
    return np.array(curve, dtype=float)
