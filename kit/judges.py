"""Builders for the usual checks, so a session's hidden tests read as a catalogue.

Every check compares against the reference on ordinary inputs too, so a constant, zero or NaN
answer earns nothing from any check, whatever else the check is about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from kit import compare, feedback
from kit.spec import Call, Check, Verdict


@dataclass
class Case:
    args: tuple
    label: str            # "an ordinary 1-D input": how the message names it
    expected: object      # array, Bounds, or a tuple of those for several outputs


@dataclass
class Style:
    """How one exercise's messages read: argument names, output names, formula, mistakes."""

    names: tuple
    formula: str = ""
    source: str = ""
    elementwise: bool = True
    outputs: tuple = ()
    regions: Callable | None = None     # args -> [(label, mask)] for "correct for x > 0, wrong for x < 0"
    mistakes: Callable | None = None    # args -> [(name, value, advice)]
    rtol: float = compare.RTOL
    atol: float = compare.ATOL
    hint: str = ""                      # said when a wrong value matches no known mistake


def values(check_id: str, func: str, cases: list[Case], style: Style, *, unchanged: bool = False,
           forbid_warnings: tuple = (), warning_advice: str = "", unchanged_advice: str = "",
           note: Callable | None = None, points: int = 1) -> Check:
    """Values match the reference on every case; optionally inputs untouched, no NumPy warnings."""

    def judge(outcomes: list[dict]) -> Verdict:
        notes = []
        for case, outcome in zip(cases, outcomes):
            said = [w for w in outcome.get("warnings", []) if any(k in w for k in forbid_warnings)]
            if said:  # an overflow explains a nan better than the nan does
                return Verdict(False, feedback.warned(exercise=func, case=case.label, names=style.names,
                                                      args=case.args, warnings=said, advice=warning_advice))
            wrong = value_problem(func, case, outcome, style)
            if wrong:
                return Verdict(False, wrong)
            if unchanged:
                changed = compare.unchanged(case.args, outcome.get("args_after", []))
                if changed:
                    i = changed[0]
                    return Verdict(False, feedback.modified_input(
                        exercise=func, case=case.label, name=style.names[i], before=case.args[i],
                        after=outcome["args_after"][i], advice=unchanged_advice))
            if note:
                notes.append(note(*case.args, outcome["value"]))
        return Verdict(True, note="; ".join(n for n in dict.fromkeys(notes) if n))

    return Check(check_id, [Call(func, c.args, c.label, style.names) for c in cases], judge, points)


def value_problem(func: str, case: Case, outcome: dict, style: Style) -> str:
    """The failure message for one case, or "" when the learner's value is acceptable."""
    mismatch = compare.match(outcome["value"], case.expected, style.rtol, style.atol)
    if mismatch is None:
        return ""
    expected = case.expected
    part_expected = expected[mismatch.part] if mismatch.part is not None else expected
    where = mistake = advice = ""
    if mismatch.kind == "values":
        if style.regions and style.elementwise:
            where = compare.where_wrong(mismatch.wrong, style.regions(*case.args))
        known = []
        for name, value, tip in (style.mistakes(*case.args) if style.mistakes else []):
            if mismatch.part is not None:
                value = value[mismatch.part] if isinstance(value, tuple) else None
            if value is not None:
                known.append((name, value, tip))
        mistake = compare.looks_like(mismatch.got, part_expected, [(n, v) for n, v, _ in known], style.rtol, style.atol)
        advice = next((tip for n, _, tip in known if n == mistake), "") or (style.hint if not mistake else "")
    return feedback.failure(exercise=func, case=case.label, names=style.names, args=case.args, expected=expected,
                            mismatch=mismatch, elementwise=style.elementwise, where=where, mistake=mistake,
                            advice=advice, formula=style.formula, source=style.source, outputs=style.outputs)


def against_own_forward(check_id: str, backward: str, forward: str, cases: list[Case], style: Style, *,
                        forward_args: Callable, wrt: tuple, h: float = 1e-5, points: int = 1,
                        dout_of: Callable | None = None, rtol: float = 1e-4, atol: float = 1e-6,
                        forward_output: int | None = None) -> Check:
    """The learner's backward agrees with central differences of the learner's own forward.

    L = sum(dout * forward(...)); `forward_args(*backward_args)` gives the forward's arguments,
    `wrt` names the forward's argument indices, one per output of backward, and `dout_of`
    picks dout from the backward's arguments (default: the first; return 1.0 for a loss whose
    backward takes no dout). With `style.elementwise` an array argument is perturbed all at once
    (the Jacobian is diagonal); otherwise one entry at a time, so keep those inputs small.
    `forward_output` picks one output of a forward that returns a tuple, e.g. 0 for (loss, grad).
    The backward must also match the reference, so a zero forward with a zero backward fails.
    """
    dout_of = dout_of or (lambda *args: args[0])
    calls, plan = [], []
    for case in cases:
        dout, fargs = dout_of(*case.args), forward_args(*case.args)
        first = len(calls)
        calls.append(Call(backward, case.args, case.label, style.names))
        spans = []
        for k in wrt:
            base = np.asarray(fargs[k], dtype=float)
            steps = [None] if (style.elementwise or base.ndim == 0) else list(np.ndindex(base.shape))
            start = len(calls)
            for idx in steps:
                for sign in (+1, -1):
                    moved = list(fargs)
                    bump = np.zeros_like(base)
                    if idx is None:
                        bump += h
                    else:
                        bump[idx] = h
                    moved[k] = base + sign * bump
                    calls.append(Call(forward, tuple(moved)))
            spans.append((k, start, steps, base.shape))
        plan.append((case, dout, fargs, first, spans))

    def numeric_gradient(outcomes, dout, start, steps, shape, elementwise_arg):
        values = []
        for j in range(len(steps)):
            plus, minus = outcomes[start + 2 * j], outcomes[start + 2 * j + 1]
            for o in (plus, minus):
                if o.get("status") != "ok":
                    return None, feedback.not_ok(forward, o, "a perturbed input")[1]
            fp, fm = (compare.received(_pick(o["value"], forward_output))[0] for o in (plus, minus))
            if fp is None or fm is None or np.shape(fp) != np.shape(fm) or (np.ndim(dout) and np.shape(fp) != np.shape(dout)):
                return None, f"{forward} returns the wrong kind of value"
            values.append(np.asarray(dout) * (fp.astype(float) - fm.astype(float)) / (2 * h))
        if steps == [None]:
            return (values[0] if elementwise_arg else np.sum(values[0])), ""
        return np.array([np.sum(v) for v in values]).reshape(shape), ""

    def judge(outcomes: list[dict]) -> Verdict:
        # The backward is judged on its own values; the learner's forward only adds a note. When
        # the forward is broken (wrong, raising, hanging), that costs the forward's checks, not this one.
        for case, dout, fargs, first, spans in plan:
            wrong = value_problem(backward, case, outcomes[first], style)
            if wrong:
                return Verdict(False, wrong)
            got = outcomes[first]["value"]
            parts = got.get("items") if len(wrt) > 1 else [got]
            for j, (k, start, steps, shape) in enumerate(spans):
                numeric, problem = numeric_gradient(outcomes, dout, start, steps, shape, np.ndim(fargs[k]) > 0)
                if numeric is None:
                    return Verdict(True, note=f"not counted: {backward} could not be compared with central "
                                              f"differences of your {forward} ({problem.splitlines()[0]}); fix {forward} first")
                mine = compare.received(parts[j])[0].astype(float)
                ok = compare.close_mask(mine, numeric, rtol=rtol, atol=atol)
                if not ok.all():
                    label = style.outputs[j] if j < len(style.outputs) else backward
                    return Verdict(True, note="\n".join([
                        f"not counted: on {case.label}, {label} disagrees with central differences of your own {forward}",
                        *feedback.input_lines(style.names, case.args),
                        f"  numeric   {feedback.fmt(numeric)}   (central differences, h = {h:g}, weighted by dout)",
                        f"  yours     {feedback.fmt(mine)}",
                        f"  hint      your backward matches the derivation, so {forward} is the one to fix"]))
        return Verdict(True)

    return Check(check_id, calls, judge, points)


def _pick(desc: dict, index: int | None) -> dict:
    """One output of a tuple-returning function, or the value itself."""
    if index is None:
        return desc
    items = desc.get("items") or []
    return items[index] if index < len(items) else {"kind": desc.get("kind", "?")}
