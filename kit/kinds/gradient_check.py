"""Gradient checking: a central-difference gradient of a scalar function, and the relative error
that compares two gradients. The mistakes learners make in either are the same in every session
that asks for one, so they are known here, as values computed kit-side, with their advice.

    style = d.style(None, ("f", "x"), mistakes=lambda name, x: gradient_mistakes(FUNCTIONS[name], x),
                    formula=..., rtol=1e-7, atol=1e-7)
    rel_style = d.style("rel_error_entries", ("a", "b"), mistakes=rel_error_mistakes)

The conventions: grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2 h), the caller's x restored after each
entry; rel_error(a, b) = max(|a - b| / max(1e-8, |a| + |b|)).

A check about something other than the values (grad's shape, x coming back unchanged) compares
values only loosely, since one-sided differences are close too: `loosely(...)` builds it, and says so
when the values are wrong beyond that.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable

import numpy as np

from kit import compare
from kit.judges import Style, values
from kit.spec import Check, Verdict

H = 1e-5            # the step a numerical gradient takes by default
ROUGH = 1e-3        # within this, any finite-difference gradient of a smooth probe is right
RESTORE_ADVICE = ("after evaluating f at x[i] = old - h, put the old value back (x[i] = old) before moving to the next "
                  "entry: the caller's x must be unchanged, and later entries must be perturbed around the original x")
MOVED_ADVICE = "x came back changed, by about h = 1e-5 per entry (too small to see at 4 digits): " + RESTORE_ADVICE


def one_sided(f: Callable, x: np.ndarray, h: float, sign: int) -> np.ndarray:
    """(f(x + sign*h e_i) - f(x)) / (sign*h) for every entry: forward (+1) or backward (-1) differences."""
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        moved = x.copy()
        moved[idx] += sign * h
        grad[idx] = (f(moved) - f(x)) / (sign * h)
    return grad


def not_restored(f: Callable, x: np.ndarray, h: float, left: float) -> np.ndarray:
    """Central differences where each perturbed entry is left at old + left (later entries see a shifted x)."""
    grad, work = np.zeros(x.shape), x.astype(float).copy()
    for idx in np.ndindex(x.shape):
        old = work[idx]
        plus, minus = work.copy(), work.copy()
        plus[idx], minus[idx] = old + h, old - h
        grad[idx] = (f(plus) - f(minus)) / (2 * h)
        work[idx] = old + left
    return grad


def gradient_mistakes(f: Callable, x: np.ndarray, h: float = H) -> list:
    """What a numerical gradient of f at x returns when written with a known mistake: (words, value, advice)."""
    return [
        ("forward differences (f(x + h e_i) - f(x)) / h", one_sided(f, x, h, +1),
         "forward differences are off by about h * f''(x) / 2; central ones by h**2 * f'''(x) / 6 "
         "(derivations.py): evaluate f at x[i] = old + h and old - h, divide by 2 * h"),
        ("backward differences (f(x) - f(x - h e_i)) / h", one_sided(f, x, h, -1),
         "one-sided differences are off by about h * f''(x) / 2: use both x[i] = old + h and old - h"),
        ("x not restored: each entry is left at old - h, so later entries see a shifted x",
         not_restored(f, x, h, -h), RESTORE_ADVICE),
        ("x not restored: each entry is left at old + h, so later entries see a shifted x",
         not_restored(f, x, h, +h), RESTORE_ADVICE),
        ("all zeros: f never saw the perturbation (x.flatten() and x.copy() are copies; perturb x itself, "
         "or pass the perturbed copy to f)", np.zeros(x.shape), "f(x) must be evaluated at the perturbed x"),
    ]


def rel_error_mistakes(a, b) -> list:
    """What rel_error(a, b) returns when written with a known mistake: (words, value, advice)."""
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    num = np.abs(a - b)
    worst = "a gradient check reports the worst entry: np.max"
    with np.errstate(all="ignore"):
        entries = num / np.maximum(1e-8, np.abs(a) + np.abs(b))
        return [
            ("np.mean instead of np.max", np.mean(entries), worst),
            ("np.sum instead of np.max", np.sum(entries), worst),
            ("divided by max(|a|, |b|) instead of |a| + |b|",
             np.max(num / np.maximum(1e-8, np.maximum(np.abs(a), np.abs(b)))), "the denominator is np.abs(a) + np.abs(b)"),
            ("the absolute error |a - b|, not divided", np.max(num), "divide by np.maximum(1e-8, np.abs(a) + np.abs(b))"),
            ("one ratio of sums, sum|a - b| / sum(|a| + |b|)", np.sum(num) / max(1e-8, np.sum(np.abs(a) + np.abs(b))),
             "the relative error is taken entry by entry, then the largest one"),
        ]


def loosely(check_id: str, cases: list, style: Style, about: str, tol: float = ROUGH, **options) -> Check:
    """A value check about something other than the values (grad's shape, x coming back unchanged): it
    compares values within rtol = atol = `tol` only, and when they are wrong beyond that it says it is not
    the check about values and points at the exercise's own "…/values". `options` go to judges.values.
    (Not a named mistake: the values check names what is wrong with the values.)"""
    func = check_id.split("/")[0]
    inner = values(check_id, func, cases, replace(style, rtol=tol, atol=tol), **options)

    def judge(outcomes: list[dict]) -> Verdict:
        verdict = inner.judge(outcomes)
        if not verdict.passed and any(o.get("status") == "ok" and getattr(compare.match(o["value"], c.expected, tol, tol), "kind", "")
                                      == "values" for c, o in zip(cases, outcomes)):
            verdict.message += (f"\n  {'checks':<9} {check_id} is about {about}; it compares values only loosely (within "
                                f"{tol:g}) and these are wrong beyond that: fix {func}/values first")
        return verdict

    return replace(inner, judge=judge)
