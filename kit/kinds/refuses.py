"""Judging an exercise whose documented behaviour on bad input is a clear error.

A single-class label vector has no ROC curve, all-zero weights have no weighted mean, a perplexity
of n − 1 or more cannot be reached: the docstring says the function raises `ValueError` with a
message, and this check holds the learner to it. The bad inputs are mixed with ordinary ones, so a
function that always raises (or a stub) earns nothing:

    "single-class": refuses("auc/single-class", ordinary[:1], [d.bad("all negatives", y0, s)], style,
                            why="a single class has no pairs to rank"),

A nan, an inf or any value returned for a bad input fails, as does another exception (an
IndexError from the empty class, a ZeroDivisionError): what the learner's code did is said, and
the documented behaviour with it. `numpy.linalg.LinAlgError` is a ValueError and counts as one.
"""

from __future__ import annotations

from kit import feedback
from kit.judges import Case, Style, values
from kit.spec import Call, Check, Verdict

ACCEPTED = ("ValueError", "LinAlgError")


def refuses(check_id: str, ok: list[Case], bad: list[Case], style: Style, *, why: str,
            accepted: tuple = ACCEPTED, points: int = 1) -> Check:
    """Values right on `ok`, and a ValueError (any of `accepted`) raised on every case of `bad`.

    Cases in `bad` need no expected value (`Case(args, label, None)`); `why` says in a few words why
    the input has no answer, as the docstring does."""
    func = check_id.split("/")[0]
    plain = values(check_id, func, ok, style, points=points)

    def judge(outcomes: list[dict]) -> Verdict:
        verdict = plain.judge(outcomes[:len(ok)])
        if not verdict.passed:
            return verdict
        for case, outcome in zip(bad, outcomes[len(ok):]):
            status = outcome.get("status")
            if status not in ("ok", "raised"):
                return Verdict(False, feedback.not_ok(func, outcome, case.label)[1])
            raised = str(outcome.get("message", ""))
            kind = raised.split(":", 1)[0].split(" ", 1)[0]
            if status == "raised" and kind in accepted:
                continue
            did = f"raised {raised}" if status == "raised" else f"returned {_brief(outcome.get('value', {}))}"
            lines = [f"{func} on {case.label}: {did}", *feedback.input_lines(style.names, case.args),
                     f"  expected  ValueError: {why}",
                     f"  hint      the docstring asks for `raise ValueError(\"...\")` here: {why}, "
                     "so there is no number to return"]
            return Verdict(False, "\n".join(lines))
        return verdict

    calls = plain.calls + [Call(func, c.args, c.label, style.names, may_raise=True) for c in bad]
    return Check(check_id, calls, judge, points)


def _brief(value: dict) -> str:
    """A returned value in a few words: 'nan', 'an array of shape (3,)', 'a NoneType'."""
    array = value.get("value")
    if array is None:
        return f"a {value.get('kind', 'value')}"
    if getattr(array, "size", 0) == 1:
        return repr(array.reshape(()).item())
    return f"an array of shape {tuple(array.shape)}"
