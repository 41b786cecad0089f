"""`python sessions/NN-slug/derivations.py` is what a course author and a curious learner run: for every
session, found on disk (a session added later is covered with no edit here), it exits 0, prints a
"── name" heading for every reference the kit grades with, and no printed proof reads False."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, sessions
from kit import derive

# What a session's script shows beyond its references, where the slides or the README point at it.
PARTICULAR = {
    "01-relu-backprop": ("Heaviside", "1/2"),           # SymPy's Heaviside(0) = 1/2, the convention the kink replaces
    "02-linear-layer": ("proved: forward = X W + 1 bᵀ: True", "dX = dY Wᵀ: True", "dW = Xᵀ dY: True",
                        "db = Σ_n dY: True", "proved: d mse = 2 (ŷ - y) / size: True",
                        "proved: grad = 2 Xᵀ (X w - y) / N: True",
                        "chained in three steps, it equals SymPy's entry-by-entry derivative: True"),
    "03-softmax-cross-entropy": ("log(3)", "diag(p) - p p^T: True"),
    "04-backprop-mlp": ("backprop (chained layer formulas) == SymPy's direct derivative of the loss: True",
                        "h**2*Derivative(f(x0), (x0, 3))/6"),
    "05-optimization": ("2/(L + mu)", "(kappa - 1)/(kappa + 1)"),
    "06-pca-svd": ("S w = λ w", "∂L/∂w"),
    "07-calibration": ("t* = c_fp/(c_fn + c_fp)",),
    "08-metrics": ("AUC from ranks equals the pair count of step 1 on every case: True",),
    "09-reweighting": ("E_p[(q/p) x] = mu: True", "(X^T W X) theta = X^T W y: True"),
    "10-constrained-optimization": ("d p*/ds = -nu: True", "mean loss = sum loss with N lam: True"),
    "11-tsne": ("dH/dbeta = -beta Var_p(d) <= 0 (bisection works): True",),
    "12-graphical-models": ("pi0: N0/(N0 + N1 + N2)",),
}


def test_particular_expectations_name_sessions_that_exist():
    """A renamed session must not silently lose its expectations above."""
    assert set(PARTICULAR) <= {s.name for s in sessions()}


@pytest.mark.parametrize("session", [pytest.param(s, id=s.name) for s in sessions()])
def test_derivations_script_prints_every_reference(session):
    run = subprocess.run([sys.executable, str(session.derivations_file)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, f"{session.derivations_file} exited {run.returncode}:\n{run.stderr[-2000:]}"
    out = run.stdout
    names = list(derive.load(session, ROOT).kinds)
    assert names, f"{session.name} registers no references"
    missing = [name for name in names if f"── {name}\n" not in out]
    assert not missing, f"the script shows no derivation for {missing}"
    false_lines = [line for line in out.splitlines() if re.search(r"\bFalse\b", line)]
    assert not false_lines, f"a proof printed False: {false_lines}"
    for text in PARTICULAR.get(session.name, ()):
        assert text in out, f"{session.name}'s script no longer prints {text!r}"
