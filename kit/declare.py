"""Declaring a session's checks: a checks.py says what is particular to each exercise (its inputs,
its known mistakes and their advice, its regions); the kit builds the checks every exercise gets.

    def exercises(refs, rng):
        d = Declare(refs, rng, "sessions/01-relu-backprop/derivations.py")
        style = d.style("relu_forward", ("x",), regions=sign_regions, mistakes=relu_mistakes)
        ordinary = d.cases("relu_forward", ("a short mixed-sign input", probes.mixed_signs(rng)), …)
        return [d.exercise("relu_forward", style, {
            "mixed-signs": ordinary,
            "shapes": ordinary[:1] + d.shapes("relu_forward"),
            "input-unchanged": unchanged(ordinary),
        })]

Each entry of an exercise's table becomes one check with the id `exercise/key`: a list of cases is a
value check; `unchanged(...)`, `stable(...)`, `against_forward(...)` and `with_options(...)` ask for the
usual variants; a `Check` is taken as it is (a session's own judge, for what no kind covers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np

from kit import probes
from kit.judges import Case, Style, against_own_forward, values
from kit.spec import Check, Exercise

Expected = str | tuple | Callable    # a reference's name, several names (a tuple output), or a function


@dataclass
class Variant:
    """A value check with options (see judges.values), or the check against the learner's forward."""

    cases: list
    options: dict = field(default_factory=dict)
    forward: dict | None = None


def unchanged(cases: list, advice: str = "") -> Variant:
    """The values are right and every input comes back untouched."""
    return Variant(cases, {"unchanged": True, "unchanged_advice": advice})


def stable(cases: list, advice: str, warnings: tuple = ("overflow", "invalid")) -> Variant:
    """The values are right and NumPy does not warn (a numerically stable form was asked for)."""
    return Variant(cases, {"forbid_warnings": warnings, "warning_advice": advice})


def with_options(cases: list, **options) -> Variant:
    """A value check with any of judges.values' options (note=, line=, explain=, …)."""
    return Variant(cases, options)


def against_forward(forward: str, cases: list, forward_args: Callable, wrt: tuple = (0,), **options) -> Variant:
    """The backward's values are right; central differences of the learner's own forward are noted beside them."""
    return Variant(cases, forward={"forward": forward, "forward_args": forward_args, "wrt": wrt, **options})


SHAPES = (("0-d negative", lambda rng: np.array(-1.5)), ("0-d positive", lambda rng: np.array(2.25)),
          ("empty 1-D", lambda rng: np.zeros(0)), ("empty (0, 3)", lambda rng: np.zeros((0, 3))),
          ("3-D", lambda rng: probes.ordinary(rng, (2, 3, 2))))


class Declare:
    """What a session's checks.py works with: its references, its random stream, its derivations file."""

    def __init__(self, refs, rng: np.random.Generator, source: str):
        self.refs, self.rng, self.source = refs, rng, source

    def formula(self, *names: str) -> str:
        return ";  ".join(self.refs.formulas[n] for n in names)

    def style(self, formula_of: str | tuple | None, names: tuple, **options) -> Style:
        """How an exercise's messages read; the formula comes from the derivation unless given."""
        if "formula" not in options:
            keys = (formula_of,) if isinstance(formula_of, str) else tuple(formula_of or ())
            options["formula"] = self.formula(*keys)
        return Style(names, source=options.pop("source", self.source), **options)

    def expected(self, expected_of: Expected, args: tuple):
        memo = getattr(self.refs, "memo", None)
        if memo is not None:
            return memo.value("expected:" + _identity(expected_of), args, lambda: self._computed(expected_of, args))
        return self._computed(expected_of, args)

    def _computed(self, expected_of: Expected, args: tuple):
        if callable(expected_of):
            return expected_of(*args)
        if isinstance(expected_of, tuple):
            return tuple(self.refs[n](*args) for n in expected_of)
        return self.refs[expected_of](*args)

    def case(self, expected_of: Expected, label: str, *args) -> Case:
        """One input, its expected value computed from the derivations (never from solutions/)."""
        return Case(args, label, self.expected(expected_of, args))

    def bad(self, label: str, *args) -> Case:
        """An input with no answer (a single class, all-zero weights): kinds.refuses expects a ValueError."""
        return Case(args, label, None)

    def cases(self, expected_of: Expected, *pairs) -> list[Case]:
        """[(label, args-tuple-or-one-array), ...] → cases."""
        return [self.case(expected_of, label, *(args if isinstance(args, tuple) else (args,))) for label, args in pairs]

    def shapes(self, expected_of: Expected, make: Callable = lambda x: (x,), kinds: tuple = SHAPES,
               label: str = "a {} input") -> list[Case]:
        """The shapes every elementwise exercise meets: 0-d of both signs, empty, empty rows, 3-D."""
        return [self.case(expected_of, _article(label.format(name)), *make(build(self.rng))) for name, build in kinds]

    def exercise(self, name: str, style: Style, table: dict, *, points: int = 1) -> Exercise:
        """One check per entry of `table`, with the id `name/key`."""
        checks = []
        for key, entry in table.items():
            check_id = f"{name}/{key}"
            if isinstance(entry, Check):
                checks.append(entry)
                continue
            entry = entry if isinstance(entry, Variant) else Variant(list(entry))
            if entry.forward:
                options = dict(entry.forward)
                forward = options.pop("forward")
                checks.append(against_own_forward(check_id, name, forward, entry.cases, style, points=points, **options))
            else:
                checks.append(values(check_id, name, entry.cases, style, points=points, **entry.options))
        return Exercise(name, checks)


def _identity(expected_of: Expected) -> str:
    """What computes an expected value, the same in every process and every copy of the course: a
    reference's name, or the file name and line where a function is defined."""
    if callable(expected_of):
        named = getattr(expected_of, "reference_name", None)
        if named:
            return f"ref:{named}"
        code = getattr(expected_of, "__code__", None)
        where = f"{Path(code.co_filename).name}:{code.co_firstlineno}" if code else ""
        return f"{getattr(expected_of, '__qualname__', type(expected_of).__name__)}@{where}"
    return repr(expected_of)


def _article(label: str) -> str:
    """"a empty input" → "an empty input" (labels read as sentences in the messages)."""
    return "an " + label[2:] if label.startswith("a ") and label[2:3].lower() in "aeiou" else label
