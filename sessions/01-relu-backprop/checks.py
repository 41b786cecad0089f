"""Checks for session 01: ReLU, sigmoid and a neuron, against the SymPy derivations.

docs/AUTHORING.md's worked example. Each exercise is one table, `d.exercise(name, style, {key: entry})`:
every key is a check (its id is `name/key`), every entry the inputs it tries. A list of cases is a value
check; `unchanged`, `stable`, `against_forward` and `with_options` ask for the usual variants. Expected
values come from derivations.py (`d.case`, `d.cases`, `d.shapes`), never from solutions/. What is
particular to the session is said here: its inputs, its known mistakes and their advice, its regions.
Each check mixes its special inputs with an ordinary one, so no constant answer earns a point.
"""

import numpy as np

from kit import probes
from kit.declare import Declare, against_forward, stable, unchanged, with_options

COPY_ADVICE = ("the essay's `grad[x < 0] = 0` writes into whatever array `grad` names; with `grad = dout` "
               "that is the caller's array. Copy first (grad = dout.copy()) or build a new one (dout * (x > 0))")
STABLE_ADVICE = ("use a stable form: first z = np.exp(-np.abs(x)), which never overflows (-|x| <= 0), then pick "
                 "1 / (1 + z) where x >= 0 and z / (1 + z) where x < 0, e.g. with np.where. What warns is putting "
                 "the exponentials inside np.where, as in np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / "
                 "(1 + np.exp(x))): NumPy evaluates both branches on every entry before picking, so exp overflows "
                 "in the branch that is thrown away (slides: 'a stable sigmoid')")
STEP = "derivations.py, step {}: "     # neuron_backward is derive-it-yourself: advice names the step, not the answer
EXTREME = np.array([-1000.0, -745.0, -50.0, 0.0, 50.0, 745.0, 1000.0])


def sign_regions(x):
    """Where a wrong answer is wrong: "correct for x > 0, wrong for x < 0"."""
    return [("x > 0", x > 0), ("x < 0", x < 0), ("x == 0", x == 0)]


def kink_convention(dout, x, value):
    """Which valid subgradient the learner picked at x == 0 (all in [0, dout] pass): a note, never a failure."""
    got = np.asarray(value.get("value", np.nan), dtype=float)
    at = (np.asarray(x) == 0) & (np.asarray(dout) != 0)
    if got.shape != np.shape(x) or not at.any():
        return ""
    if np.allclose(got[at], 0):
        return ("at x == 0 you block the gradient (0, PyTorch's dout * (x > 0)); passing dout (the essay's "
                "grad[x < 0] = 0) is valid too")
    if np.allclose(got[at], np.asarray(dout, dtype=float)[at]):
        return "at x == 0 you pass the gradient (dout, the essay's grad[x < 0] = 0); PyTorch's 0 there is valid too"
    return "at x == 0 you return a value between 0 and dout: a valid subgradient"


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/01-relu-backprop/derivations.py")
    sig = refs["sigmoid_forward"]

    def with_dout(x, *rest):
        """A backward's arguments: an upstream gradient of x's shape, then x (and the rest)."""
        return (probes.ordinary(rng, np.shape(x)), x, *rest)

    # ── relu_forward(x) ──────────────────────────────────────────────────────
    relu = d.style("relu_forward", ("x",), formula=d.formula("relu_forward") + "  (np.maximum(x, 0))",
                   regions=sign_regions, mistakes=lambda x: [         # (words, the wrong value, advice)
        ("returning the mask (x > 0) instead of the values", (x > 0).astype(float),
         "relu keeps x where x > 0: np.maximum(x, 0)"),
        ("np.minimum instead of np.maximum", np.minimum(x, 0), "relu keeps the positive part"),
        ("np.abs(x)", np.abs(x), "negative inputs become 0, not their magnitude")])
    ordinary = d.cases("relu_forward", ("a short mixed-sign input", probes.mixed_signs(rng)),
                       ("a random 2-D input", probes.ordinary(rng, (4, 5))))
    zeros = d.case("relu_forward", "an input with exact zeros", probes.with_zeros(rng, (7,)))
    huge = d.case("relu_forward", "huge magnitudes (±1e300)", probes.large(rng))
    integers = d.case("relu_forward", "an integer array", probes.integers(rng, (6,)))
    relu_forward = d.exercise("relu_forward", relu, {
        "mixed-signs": ordinary,
        "zeros": [ordinary[0], zeros],
        "shapes": [ordinary[0]] + d.shapes("relu_forward"),
        "large-and-integer": [ordinary[0], huge, integers],
        "input-unchanged": unchanged(ordinary),
    })

    # ── relu_backward(dout, x): at the kink x == 0 every value in [0, dout] is a valid subgradient ──
    relu_b = d.style("relu_backward", ("dout", "x"), regions=lambda dout, x: sign_regions(x), mistakes=lambda dout, x: [
        ("the mask is inverted (dout passed where x < 0)", dout * (x < 0), "relu'(x) is 1 for x > 0 and 0 for x < 0"),
        ("dout is not multiplied in (only relu'(x) returned)", (x > 0).astype(float),
         "chain rule: dx = dout * relu'(x), upstream times local"),
        ("relu(x) * dout: the forward value, not the slope", np.maximum(x, 0) * dout,
         "the local gradient of relu is its slope, 0 or 1, not its value")])
    ordinary = d.cases("relu_backward", ("a short mixed-sign input", with_dout(probes.mixed_signs(rng))),
                       ("a random 2-D input", with_dout(probes.ordinary(rng, (4, 5)))))
    kink = d.case("relu_backward", "an input with exact zeros (the kink)", *with_dout(probes.with_zeros(rng, (9,))))
    huge = d.case("relu_backward", "huge magnitudes (±1e300)", *with_dout(probes.large(rng)))
    integers = d.case("relu_backward", "integer arrays", probes.integers(rng, (6,)), probes.integers(rng, (6,)))
    relu_backward = d.exercise("relu_backward", relu_b, {
        "mixed-signs": ordinary,
        "kink": with_options([ordinary[0], kink], note=kink_convention),
        "shapes": [ordinary[0]] + d.shapes("relu_backward", with_dout),
        "large-and-integer": [ordinary[0], huge, integers],
        "inputs-unchanged": unchanged(ordinary + [kink], COPY_ADVICE),
        "matches-forward": against_forward("relu_forward", ordinary, lambda dout, x: (x,)),
    })

    # ── sigmoid_forward(x): a stable form is asked for ───────────────────────
    sigmoid = d.style("sigmoid_forward", ("x",), regions=sign_regions, mistakes=lambda x: [
        ("1 / (1 + exp(x)): the sign in the exponent is flipped", 1 / (1 + np.exp(np.clip(x, -700, 700))),
         "s(x) = 1 / (1 + exp(-x)) is above 1/2 for x > 0"),
        ("np.tanh(x)", np.tanh(x), "tanh ranges over (-1, 1); the sigmoid over (0, 1)")])
    ordinary = d.cases("sigmoid_forward", ("a short mixed-sign input", probes.mixed_signs(rng)),
                       ("a random 2-D input", probes.ordinary(rng, (3, 4))))
    integers = d.case("sigmoid_forward", "an integer input", probes.integers(rng, (5,)))
    sigmoid_forward = d.exercise("sigmoid_forward", sigmoid, {
        "mixed-signs": ordinary,
        "shapes": [ordinary[0]] + d.shapes("sigmoid_forward") + [integers],
        "no-overflow": stable([ordinary[0], d.case("sigmoid_forward", "large |x| (±1000)", EXTREME)], STABLE_ADVICE),
        "input-unchanged": unchanged(ordinary),
    })

    # ── sigmoid_backward(dout, x) ────────────────────────────────────────────
    sigmoid_b = d.style("sigmoid_backward", ("dout", "x"), mistakes=lambda dout, x: [
        ("dout is not multiplied in", sig(x) * (1 - sig(x)), "chain rule: upstream gradient times local gradient"),
        ("dout * s(x): the forward value, not the derivative", dout * sig(x), "s'(x) = s(x) * (1 - s(x))")])
    ordinary = d.cases("sigmoid_backward", ("a short mixed-sign input", with_dout(probes.mixed_signs(rng))),
                       ("a random 2-D input", with_dout(probes.ordinary(rng, (3, 4)))))
    extreme = d.case("sigmoid_backward", "large |x| (±1000)", *with_dout(EXTREME))
    sigmoid_backward = d.exercise("sigmoid_backward", sigmoid_b, {
        "mixed-signs": ordinary,
        "shapes": [ordinary[0]] + d.shapes("sigmoid_backward", with_dout),
        "no-overflow": stable([ordinary[0], extreme], STABLE_ADVICE),
        "inputs-unchanged": unchanged(ordinary),
        "matches-forward": against_forward("sigmoid_forward", ordinary, lambda dout, x: (x,)),
    })

    # ── neuron_forward(x, w) = s(w * relu(x)) ────────────────────────────────
    neuron = d.style("neuron_forward", ("x", "w"), regions=lambda x, w: sign_regions(x), mistakes=lambda x, w: [
        ("sigmoid(w * x): relu left out", sig(w * x), "apply relu to x first, then scale by w")])
    w1, w2 = probes.scalar(rng), -abs(probes.scalar(rng))
    ordinary = d.cases("neuron_forward", ("a short mixed-sign input", (probes.mixed_signs(rng), w1)),
                       ("a random 2-D input, negative w", (probes.ordinary(rng, (3, 4)), w2)))
    zeros = d.case("neuron_forward", "an input with exact zeros", probes.with_zeros(rng, (6,)), w1)
    neuron_forward = d.exercise("neuron_forward", neuron, {
        "mixed-signs": ordinary,
        "shapes": [ordinary[0]] + d.shapes("neuron_forward", lambda x: (x, w1)) + [zeros],
        "inputs-unchanged": unchanged(ordinary),
    })

    # ── neuron_backward(dout, x, w) -> (dx, dw): derive-it-yourself, so the advice names a step ──
    n_dx, n_dw = refs["neuron_backward_dx"], refs["neuron_backward_dw"]
    grads = lambda dout, x, w: (n_dx(dout, x, w), np.sum(n_dw(dout, x, w)))    # one w for all entries: dw sums

    def neuron_mistakes(dout, x, w):
        a, slope = np.maximum(x, 0), lambda v: sig(v) * (1 - sig(v))
        z = w * a
        return [
            ("dx without the factor w", (n_dx(dout, x, w).lo / w, None),
             STEP.format(2) + "z = w * a, so its local derivative in a is w, and the path from f to x passes "
             "through it"),
            ("dx without relu'(x): the relu step is skipped", (dout * w * slope(z), None),
             STEP.format(3) + "the path from f back to x ends with a = relu(x), whose slope is 0 where x < 0"),
            ("the sigmoid's slope taken at x instead of at its own input z = w * relu(x)",
             (dout * slope(x) * w * (x > 0), float(np.sum(dout * slope(x) * a))),
             STEP.format(2) + "each local derivative is evaluated at that piece's input from the forward pass; "
             "the sigmoid's input is z, not x"),
            ("s(z) used as the sigmoid's slope (its derivative, s(z) * (1 - s(z)), is not used)",
             (dout * sig(z) * w * (x > 0), float(np.sum(dout * sig(z) * a))),
             STEP.format(2) + "the local derivative of s at z is its slope there, as in your sigmoid_backward, "
             "not its value"),
            ("dw built from x instead of relu(x)", (None, float(np.sum(dout * slope(z) * x))),
             STEP.format(2) + "z = w * a with a = relu(x), so the local derivative of z in w is a, the value "
             "that multiplies w; it differs from x wherever x < 0"),
            ("dw not summed over the entries", (None, n_dw(dout, x, w)),
             STEP.format(5) + "one w is shared by every entry, so its gradient adds up one term per entry"),
        ]

    # Regions have x's shape: they locate a wrong dx; a wrong scalar dw gets none (kit.compare.where_wrong).
    neuron_b = d.style("neuron_backward_dx", ("dout", "x", "w"), outputs=("dx", "dw"),
                       regions=lambda dout, x, w: sign_regions(x), mistakes=neuron_mistakes,
                       hint="derive it again step by step (derivations.py): name the pieces, take each local "
                            "derivative at the forward pass's values, multiply them along the path")
    ordinary = d.cases(grads, ("a short mixed-sign input", with_dout(probes.mixed_signs(rng), w1)),
                       ("a random 2-D input, negative w", with_dout(probes.ordinary(rng, (3, 4)), w2)))
    kink = d.case(grads, "an input with exact zeros (the kink)", *with_dout(probes.with_zeros(rng, (6,)), w1))
    neuron_backward = d.exercise("neuron_backward", neuron_b, {
        "mixed-signs": ordinary,
        "kink": [ordinary[0], kink],
        "shapes": [ordinary[0]] + d.shapes(grads, lambda x: with_dout(x, w2)),
        "inputs-unchanged": unchanged(ordinary, COPY_ADVICE),
        "matches-forward": against_forward("neuron_forward", ordinary, lambda dout, x, w: (x, w), wrt=(0, 1)),
    })
    return [relu_forward, relu_backward, sigmoid_forward, sigmoid_backward, neuron_forward, neuron_backward]
