"""What a session's hidden tests declare: exercises, their checks, and the calls each check makes.

A check is small and named (`relu_backward/kink`); it lists the calls to make in the learner's
process and a `judge` that decides, in the kit's own process, from what came back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from kit import lazynumpy


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple
    label: str = ""        # how a message names this input: "an input with exact zeros"
    names: tuple = ()      # the argument names, to show the input
    on_behalf: str = ""    # a helper in the learner's file calling this exercise (its failures are the exercise's)
    may_raise: bool = False  # raising is the documented answer here (bad input): the judge reads the exception


@dataclass
class Verdict:
    passed: bool
    message: str = ""      # why it failed: what, where, expected vs got, the formula
    note: str = ""         # said even on a pass (e.g. which convention was chosen at a kink)
    mistake: str = ""      # the known mistake it was recognised as (its words), "" when none
    curve: dict | None = None  # 1-D elementwise: {"x", "expected", "got", "label"} for a plot; None when none


@dataclass
class Check:
    id: str                                   # "relu_backward/kink": stable, used everywhere
    calls: list[Call]
    judge: Callable[[list[dict]], Verdict]    # outcomes (one per call, in order) -> verdict
    points: int = 1


@dataclass
class Exercise:
    name: str                                 # the learner's function
    checks: list[Check] = field(default_factory=list)

    def calls(self) -> list[Call]:
        return [c for check in self.checks for c in check.calls]


class Placeholder:
    """An argument of a call known only as an array or not: the calls of an outline read without
    NumPy (kit/outline.py `lite`), whose values travel already encoded."""

    __slots__ = ("array",)

    def __init__(self, array: bool):
        self.array = array

    def __eq__(self, other) -> bool:
        return isinstance(other, Placeholder) and other.array == self.array

    def __hash__(self) -> int:
        return hash(self.array)


def is_array(value) -> bool:
    """Whether an argument is an array (NumPy not loaded: nothing but a placeholder can be one)."""
    if isinstance(value, Placeholder):
        return value.array
    numpy = lazynumpy.loaded()
    return numpy is not None and isinstance(value, numpy.ndarray)
