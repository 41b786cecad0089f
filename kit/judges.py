"""Builders for the usual checks, so a session's hidden tests read as a catalogue.

Every check compares against the reference on ordinary inputs too, so a constant, zero or NaN
answer earns nothing from any check, whatever else the check is about.
"""

from __future__ import annotations

import contextlib
import threading
import warnings
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from kit import compare, feedback
from kit.results import capped_curve
from kit.spec import Call, Check, Verdict


_EAGER = threading.local()      # per thread: kit check builds several plans at once


@contextlib.contextmanager
def eager_mistakes(on: bool = True):
    """While kit release records a plan, and a learner edition replays it (kit/recorded.py): each
    case's known mistakes, and what else a judge computes from the plan's inputs alone, are worked
    out as its check is built (not at a learner's first failure), in the same order both times."""
    before, _EAGER.on = recording(), on
    try:
        yield
    finally:
        _EAGER.on = before


def recording() -> bool:
    return getattr(_EAGER, "on", False)


def prepared(cases: list, style, *also: Callable) -> None:
    """While recording: each case's known mistakes, and each of `also(case)` (what a judge will compute
    from the plan's inputs alone), worked out now."""
    if not recording():
        return
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")     # a mistake's value on an empty input may warn; it is only kept
        for case in cases:
            if style.mistakes:
                _known(case, style, None)
            for work in also:
                try:
                    work(case)
                except Exception:  # noqa: BLE001 - a note tried on a placeholder answer: what it asked is kept
                    pass


PLACEHOLDER = {"status": "ok", "value": {"kind": "none"}}   # an answer to try a note on while recording


@dataclass
class Case:
    args: tuple
    label: str            # "an ordinary 1-D input": how the message names it
    expected: object      # array, Bounds, or a tuple of those for several outputs
    known: dict = field(default_factory=dict, repr=False, compare=False)   # mistake values, computed once per plan


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
           note: Callable | None = None, points: int = 1, line: tuple = (),
           explain: Callable | None = None) -> Check:
    """Values match the reference on every case; optionally inputs untouched, no NumPy warnings.

    `line` = (label, text) adds a line to every failure; `explain(case, outcome)` may name what the
    comparison cannot (a nan from 0/0, say): its words go in before the formula."""
    prepared(cases, style, lambda case: note and note(*case.args, PLACEHOLDER["value"]),
             lambda case: explain and explain(case, PLACEHOLDER))

    def judge(outcomes: list[dict]) -> Verdict:
        verdict = judged(outcomes)
        verdict.curve = curve_of(cases, outcomes, style)
        if verdict.passed:
            return verdict
        if explain:
            said = next((s for s in (explain(c, o) for c, o in zip(cases, outcomes) if o.get("status") == "ok") if s), "")
            if said:
                lines = verdict.message.split("\n")
                at = next((i for i, text in enumerate(lines) if text.startswith("  formula")), len(lines))
                verdict.message = "\n".join(lines[:at] + [f"  looks like {said}"] + lines[at:])
                verdict.mistake = verdict.mistake or said.split(":")[0]
        if line:
            verdict.message += f"\n  {line[0]:<9} {line[1]}"
        return verdict

    def judged(outcomes: list[dict]) -> Verdict:
        notes = []
        for case, outcome in zip(cases, outcomes):
            said = [w for w in outcome.get("warnings", []) if any(k in w for k in forbid_warnings)]
            if said:  # an overflow explains a nan better than the nan does
                return Verdict(False, feedback.warned(exercise=func, case=case.label, names=style.names,
                                                      args=case.args, warnings=said, advice=warning_advice))
            wrong = value_finding(func, case, outcome, style, list(zip(cases, outcomes)))
            if wrong and unchanged and not compare.unchanged(case.args, outcome.get("args_after", [])):
                # not an inputs-unchanged failure: the value checks say what is wrong
                return Verdict(False, f"{func} on {case.label}: left its inputs unchanged, but its values are wrong, "
                                      f"so this check is not credited yet; fix the values first", mistake=wrong.mistake)
            if wrong:
                return Verdict(False, wrong.message, mistake=wrong.mistake)
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


def curve_of(cases: list[Case], outcomes: list[dict], style: Style, least: int = 5) -> dict | None:
    """Expected vs got on the first 1-D float input (of `least` finite points or more) of a one-argument
    elementwise exercise, x ascending, for the feedback page's plot; None when there is no such input.
    Data only: kit/plots.py draws it."""
    if not style.elementwise or len(style.names) != 1:
        return None
    for case, outcome in zip(cases, outcomes):
        x = case.args[0] if len(case.args) == 1 else None
        if (not isinstance(x, np.ndarray) or x.ndim != 1 or x.dtype.kind != "f" or np.isfinite(x).sum() < least
                or outcome.get("status") != "ok" or isinstance(case.expected, tuple) or case.expected is None):
            continue
        got = (outcome.get("value") or {}).get("value")
        lo, hi = compare.bounds_of(case.expected)
        if not isinstance(got, np.ndarray) or got.dtype.kind not in "biuf" or got.shape != x.shape or lo.shape != x.shape:
            continue
        with np.errstate(all="ignore"):
            middle = lo / 2 + hi / 2        # at a kink, the middle of the valid set (halves: no overflow)
        finite = np.isfinite(x)
        order = np.argsort(x[finite], kind="stable")
        series = [a[finite][order].astype(float).tolist() for a in (x, middle, got)]
        return capped_curve({"x": series[0], "expected": series[1], "got": series[2], "label": case.label})
    return None


def value_problem(func: str, case: Case, outcome: dict, style: Style) -> str:
    """The failure message for one case, or "" when the learner's value is acceptable."""
    found = value_finding(func, case, outcome, style)
    return found.message if found else ""


@dataclass
class Finding:
    message: str
    mistake: str = ""     # a known mistake, claimed only when it explains more than one input


def value_finding(func: str, case: Case, outcome: dict, style: Style, others: list = ()) -> Finding | None:
    """What is wrong with the learner's value on `case`, or None when it is acceptable.

    A mistake is named only if it also explains the learner's answer on another input of `others`
    ((case, outcome) pairs): one input can fit a wrong story by accident (a missing 2/N looks like
    "a factor of 3" when N is 6). A named mistake explains an input when the learner's value is the
    one it predicts there, even where that happens to be right."""
    diagnosis = _diagnose(case, outcome, style)
    if diagnosis is None:
        return None
    mismatch, where, mistake, advice = diagnosis
    if mistake and not any(mistake in _explained(c, o, style) for c, o in others
                           if c is not case and o.get("status") == "ok"):
        mistake, advice = "", style.hint
    message = feedback.failure(exercise=func, case=case.label, names=style.names, args=case.args, expected=case.expected,
                               mismatch=mismatch, elementwise=style.elementwise, where=where, mistake=mistake,
                               advice=advice, formula=style.formula, source=style.source, outputs=style.outputs)
    return Finding(message, mistake)


def _known(case: Case, style: Style, part) -> list:
    # The same for every learner: worked out at the first failure, then kept with the plan.
    if id(style) not in case.known:
        with np.errstate(all="ignore"):
            case.known[id(style)] = list(style.mistakes(*case.args)) if style.mistakes else []
    known = []
    for name, value, tip in case.known[id(style)]:
        if part is not None:
            value = value[part] if isinstance(value, tuple) else None
        if value is not None:
            known.append((name, value, tip))
    return known


def _diagnose(case: Case, outcome: dict, style: Style):
    """(mismatch, where, mistake, advice), or None when the value is acceptable."""
    mismatch = compare.match(outcome["value"], case.expected, style.rtol, style.atol)
    if mismatch is None:
        return None
    expected = case.expected
    part_expected = expected[mismatch.part] if mismatch.part is not None else expected
    where = mistake = advice = ""
    if mismatch.kind == "values":
        if style.regions and style.elementwise:
            where = compare.where_wrong(mismatch.wrong, style.regions(*case.args))
        known = _known(case, style, mismatch.part)
        mistake = compare.looks_like(mismatch.got, part_expected, [(n, v) for n, v, _ in known], style.rtol, style.atol)
        advice = next((tip for n, _, tip in known if n == mistake), "") or (style.hint if not mistake else "")
    return mismatch, where, mistake, advice


def _explained(case: Case, outcome: dict, style: Style) -> set[str]:
    """The mistakes that account for the learner's value on `case`: named ones it equals, a generic one it shows."""
    diagnosis = _diagnose(case, outcome, style)
    found = {diagnosis[2]} if diagnosis and diagnosis[2] else set()
    if style.mistakes:
        got_desc = outcome["value"]
        parts = [(None, got_desc)] if "items" not in got_desc else list(enumerate(got_desc["items"]))
        for part, desc in parts:
            got, _ = compare.received(desc)
            if got is None or got.dtype.kind not in "biuf":
                continue
            for name, value, _ in _known(case, style, part):
                try:
                    if compare.explains(got.astype(float), value, style.rtol, style.atol):
                        found.add(name)
                except (TypeError, ValueError):
                    pass
    return found


def against_own_forward(check_id: str, backward: str, forward: str, cases: list[Case], style: Style, *,
                        forward_args: Callable, wrt: tuple, h: float = 1e-5, points: int = 1,
                        dout_of: Callable | None = None, rtol: float = 1e-4, atol: float = 1e-6,
                        forward_output: int | None = None, backward_output: int | None = None) -> Check:
    """The learner's backward agrees with central differences of the learner's own forward.

    L = sum(dout * forward(...)); `forward_args(*backward_args)` gives the forward's arguments,
    `wrt` names the forward's argument indices, one per output of backward, and `dout_of`
    picks dout from the backward's arguments (default: the first; return 1.0 for a loss whose
    backward takes no dout). With `style.elementwise` an array argument is perturbed all at once
    (the Jacobian is diagonal); otherwise one entry at a time, so keep those inputs small.
    `forward_output` picks one output of a forward that returns a tuple, e.g. 0 for (loss, grad), and
    `backward_output` the gradient among the backward's outputs (1 when one function returns both).
    The backward must also match the reference, so a zero forward with a zero backward fails.
    """
    dout_of = dout_of or (lambda *args: args[0])
    prepared(cases, style)
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
        own = [(case, outcomes[first]) for case, _, _, first, _ in plan]
        for case, dout, fargs, first, spans in plan:
            wrong = value_finding(backward, case, outcomes[first], style, own)
            if wrong:
                return Verdict(False, wrong.message, mistake=wrong.mistake)
            got = outcomes[first]["value"]
            if backward_output is not None:
                parts = [_pick(got, backward_output)]
            else:
                parts = got.get("items") if len(wrt) > 1 else [got]
            for j, (k, start, steps, shape) in enumerate(spans):
                numeric, problem = numeric_gradient(outcomes, dout, start, steps, shape, np.ndim(fargs[k]) > 0)
                if numeric is None:
                    return Verdict(True, note=f"not counted: {backward} could not be compared with central "
                                              f"differences of your {forward} ({problem.splitlines()[0]}); fix {forward} first")
                mine = compare.received(parts[j])[0].astype(float)
                ok = compare.close_mask(mine, numeric, rtol=rtol, atol=atol)
                if not ok.all():
                    at = backward_output if backward_output is not None else j
                    label = style.outputs[at] if at < len(style.outputs) else backward
                    return Verdict(True, note="\n".join([
                        f"not counted: on {case.label}, {label} disagrees with central differences of your own {forward}",
                        *feedback.input_lines(style.names, case.args),
                        f"  numeric   {feedback.fmt(numeric)}   (central differences, h = {h:g}, weighted by dout)",
                        f"  yours     {feedback.fmt(mine)}",
                        f"  hint      your {label} matches the derivation, so "
                        + (f"the {style.outputs[forward_output]} it returns" if forward == backward and forward_output is not None
                           and forward_output < len(style.outputs) else forward) + " is the one to fix"]))
        return Verdict(True)

    return Check(check_id, calls, judge, points)


def _pick(desc: dict, index: int | None) -> dict:
    """One output of a tuple-returning function, or the value itself."""
    if index is None:
        return desc
    items = desc.get("items") or []
    return items[index] if index < len(items) else {"kind": desc.get("kind", "?")}
