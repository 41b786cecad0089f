"""What a session's derivations.py declares: references derived by SymPy, and the kink helper.

derivations.py imports this (and so SymPy); the grader imports only the generated NumPy code
(see derive.py), so `make check` does not pay for SymPy while the cache is fresh.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sympy as sp


@dataclass
class Reference:
    """A NumPy reference `name(*args)` generated from a SymPy expression.

    `elementwise` references broadcast to the shape of their array arguments.
    `expr` may be a tuple of expressions for a function with several outputs.
    """

    name: str
    args: tuple
    expr: object
    elementwise: bool = True
    formula: str = ""          # shown in feedback; defaults to the expression itself

    def shown(self) -> str:
        return self.formula or _show(self.expr)


@dataclass
class Subgradient:
    """A set-valued reference at kinks: every value between `left` and `right` is valid.

    Away from kinks left == right (the ordinary derivative); at a kink they are the one-sided
    derivatives, and the subdifferential is the interval between them.
    """

    name: str
    args: tuple
    left: object
    right: object
    elementwise: bool = True
    formula: str = ""

    def shown(self) -> str:
        return self.formula or f"{_show(self.left)}  (left) … {_show(self.right)}  (right)"


@dataclass
class Source:
    """A hand-written NumPy general formula, admitted only after `verified` (a SymPy proof) is True.

    For matrix results derived on small explicit matrices: the derivation checks the general
    formula symbolically, then the kit uses it on any shape.
    """

    name: str
    code: str                  # defines `def <name>(...)` using numpy as np
    verified: bool
    formula: str = ""
    elementwise: bool = False
    extra: dict = field(default_factory=dict)

    def shown(self) -> str:
        return self.formula


def one_sided_derivatives(f, x, kinks=(0,)):
    """(left, right): f's derivative in x, with each kink's value replaced by the one-sided limit.

    SymPy differentiates Max(x, 0) to Heaviside(x) and evaluates Heaviside(0) as 1/2, a naming
    convention rather than a rule of calculus; at a kink the valid subgradients are every value
    between the left and the right derivative, so the kink is encoded explicitly here.
    """
    d = sp.diff(f, x)
    h = sp.Symbol("h", positive=True)
    # The one-sided difference quotients, straight from the definition of the derivative.
    left_at = [sp.limit((f.subs(x, k) - f.subs(x, k - h)) / h, h, 0) for k in kinks]
    right_at = [sp.limit((f.subs(x, k + h) - f.subs(x, k)) / h, h, 0) for k in kinks]
    left = sp.Piecewise(*[(v, sp.Eq(x, k)) for v, k in zip(left_at, kinks)], (d, True))
    right = sp.Piecewise(*[(v, sp.Eq(x, k)) for v, k in zip(right_at, kinks)], (d, True))
    return left, right


def _show(expr) -> str:
    if isinstance(expr, tuple):
        return ", ".join(_show(e) for e in expr)
    return sp.sstr(expr)


def show(references) -> None:
    """Print each derivation readably (what `python derivations.py` does)."""
    for ref in references:
        print(f"── {ref.name}")
        if isinstance(ref, Subgradient):
            print(sp.pretty(ref.left), "\n  …up to…\n", sp.pretty(ref.right), sep="")
        elif isinstance(ref, Reference):
            print(sp.pretty(ref.expr))
        else:
            print(ref.code.strip())
        print()
