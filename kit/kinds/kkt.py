"""Judging a constrained solver by its KKT residual: whatever route the learner took (the KKT system,
a null-space method, a solver from a library), the answer must satisfy the optimality conditions of
the problem it was given, to round-off. This says WHICH condition fails, which the values alone do not:
a multiplier of the other sign fails stationarity only; a right multiplier with an infeasible x fails
primal feasibility only.

The conditions belong to the session: `conditions(outputs, *args)` returns [(name, residual, advice)]
with `outputs` the learner's returned arrays (a tuple) and `residual` an array that is zero at the
answer; the residual is judged against TOL times the scale of the problem's data:

    def qp_conditions(out, Q, c, A, b):
        x, nu = out
        return [("stationarity  Q @ x + c + A.T @ nu = 0", Q @ x + c + A.T @ nu, "nu's sign: L adds + nu @ (A x - b)"),
                ("primal feasibility  A @ x = b", A @ x - b, "x must satisfy the constraints")]
    "kkt-residual": residual("solve_eq_qp/kkt-residual", cases, style, qp_conditions),

Every case is an ordinary input with a known answer, so a constant or zero answer fails.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from kit import compare, feedback
from kit.judges import Case, Style, prepared
from kit.spec import Call, Check, Verdict

TOL = 1e-8


def residual(check_id: str, cases: list[Case], style: Style, conditions: Callable, *, points: int = 1) -> Check:
    """Every condition's residual, on the learner's own answer, is within TOL of zero (relative to the data)."""
    func = check_id.split("/")[0]
    prepared(cases, style)

    def judge(outcomes: list[dict]) -> Verdict:
        for case, outcome in zip(cases, outcomes):
            value = outcome["value"]
            items = value.get("items") if value.get("kind") in ("tuple", "list") else [value]
            want = case.expected if isinstance(case.expected, tuple) else (case.expected,)
            got = [compare.received(item)[0] for item in (items or [])]
            if len(got) != len(want) or any(g is None or g.shape != np.shape(w) or g.dtype.kind not in "biuf"
                                             for g, w in zip(got, want)):
                shapes = ", ".join(str(np.shape(w)) for w in want)
                return Verdict(False, f"{func} on {case.label}: expected {len(want)} arrays of shapes {shapes} "
                                      f"({', '.join(style.outputs)})\n" + "\n".join(feedback.input_lines(style.names, case.args)))
            scale = 1.0 + max(float(np.max(np.abs(a), initial=0.0)) for a in case.args if np.ndim(a) or np.isscalar(a))
            scale *= 1.0 + max(float(np.max(np.abs(w), initial=0.0)) for w in want)
            with np.errstate(all="ignore"):
                for name, res, advice in conditions(tuple(g.astype(float) for g in got), *case.args):
                    size = float(np.linalg.norm(res))
                    if not size <= TOL * scale:
                        return Verdict(False, "\n".join([
                            f"{func} on {case.label}: the KKT condition {name} does not hold",
                            *feedback.input_lines(style.names, case.args),
                            *[f"  {n:<9} {feedback.fmt(g)}" for n, g in zip(style.outputs, got)],
                            f"  residual  {feedback.fmt(res)}   (norm {size:.3g}; round-off allows {TOL * scale:.1g})",
                            f"  hint      {advice}", f"  formula   {style.formula}   (see {style.source})"]))
        return Verdict(True)

    return Check(check_id, [Call(func, c.args, c.label, style.names) for c in cases], judge, points)
