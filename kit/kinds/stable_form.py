"""Judging an exercise that must be computed in a numerically stable form (a softmax with its max
subtracted, a log-sum-exp, a sigmoid that never takes exp of a large positive number, a log-loss
that never takes log(0)).

Two things make such a check different from an ordinary value check:

- NumPy's own warning ("overflow encountered in exp", "divide by zero encountered in log") names
  the cause; the nan or inf it leaves behind does not. So the warnings of every input are judged
  first, before any value.
- A wrong value with no named mistake (a nan from a batch-wide max taken under np.errstate, a
  clipped logit) is still most often the unstable form, so the stable form's advice is said then.

    "large-logits": stable_form("softmax/large-logits", [ordinary, large], style, ADVICE),
"""

from __future__ import annotations

from kit import feedback
from kit.judges import Case, Style, values
from kit.spec import Check, Verdict

LOUD = ("overflow", "invalid", "divide by zero")


def stable_form(check_id: str, cases: list[Case], style: Style, advice: str, *,
                warnings: tuple = LOUD, points: int = 1) -> Check:
    """No NumPy warning (any of `warnings`) on any input, then the values; `advice` is the stable form.

    The function judged is the one the id names, `function/key`, as kit.declare names checks."""
    func = check_id.split("/")[0]
    plain = values(check_id, func, cases, style, points=points)

    def judge(outcomes: list[dict]) -> Verdict:
        for case, outcome in zip(cases, outcomes):
            said = [w for w in outcome.get("warnings", []) if any(k in w for k in warnings)]
            if said:
                return Verdict(False, feedback.warned(exercise=func, case=case.label, names=style.names,
                                                      args=case.args, warnings=said, advice=advice))
        verdict = plain.judge(outcomes)
        if not verdict.passed and not verdict.mistake:   # a named mistake brings its own advice
            verdict.message += "\n  hint      " + advice
        return verdict

    return Check(check_id, plain.calls, judge, points)
