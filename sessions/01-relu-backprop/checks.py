"""Hidden tests for session 01: ReLU, sigmoid and a neuron, against the SymPy derivations.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Each check mixes its special inputs with ordinary ones, so no constant answer earns a point.
"""

import numpy as np

from kit import probes
from kit.judges import Case, Style, against_own_forward, values
from kit.spec import Exercise

SOURCE = "sessions/01-relu-backprop/derivations.py"
COPY_ADVICE = ("the essay's `grad[x < 0] = 0` writes into whatever array `grad` names; with `grad = dout` "
               "that is the caller's array. Copy first (grad = dout.copy()) or build a new one (dout * (x > 0))")
STABLE_ADVICE = ("use a stable form: first z = np.exp(-np.abs(x)), which never overflows (-|x| <= 0), then pick "
                 "1 / (1 + z) where x >= 0 and z / (1 + z) where x < 0, e.g. with np.where. What warns is putting "
                 "the exponentials inside np.where, as in np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / "
                 "(1 + np.exp(x))): NumPy evaluates both branches on every entry before picking, so exp overflows "
                 "in the branch that is thrown away (slides: 'a stable sigmoid')")
STEP = "derivations.py, step {}: "     # neuron_backward is derive-it-yourself: advice names the step, not the answer


def a_(words):
    """ "an empty 1-D input", "a 3-D input": the article a label reads with."""
    return ("an " if words[0] in "aeiou" else "a ") + words


def sign_regions(x):
    return [("x > 0", x > 0), ("x < 0", x < 0), ("x == 0", x == 0)]


def kink_convention(dout, x, value):
    """Which valid subgradient the learner picked at x == 0 (both are right)."""
    got = np.asarray(value.get("value", np.nan), dtype=float)
    at = (np.asarray(x) == 0) & (np.asarray(dout) != 0)
    if got.shape != np.shape(x) or not at.any():
        return ""
    if np.allclose(got[at], 0):
        return "at x == 0 you block the gradient (0, PyTorch's dout * (x > 0)); passing dout (the essay's grad[x < 0] = 0) is valid too"
    if np.allclose(got[at], np.asarray(dout, dtype=float)[at]):
        return "at x == 0 you pass the gradient (dout, the essay's grad[x < 0] = 0); PyTorch's 0 there is valid too"
    return "at x == 0 you return a value between 0 and dout: a valid subgradient"


def exercises(refs, rng):
    relu, relu_b = refs["relu_forward"], refs["relu_backward"]
    sig, sig_b = refs["sigmoid_forward"], refs["sigmoid_backward"]
    neuron, n_dx, n_dw = refs["neuron_forward"], refs["neuron_backward_dx"], refs["neuron_backward_dw"]

    def one(f, label, *args):
        return Case(args, label, f(*args))

    # ── relu_forward(x) ──────────────────────────────────────────────────────
    relu_style = Style(("x",), refs.formulas["relu_forward"] + "  (np.maximum(x, 0))", SOURCE,
                       regions=sign_regions,
                       mistakes=lambda x: [
                           ("returning the mask (x > 0) instead of the values", (x > 0).astype(float),
                            "relu keeps x where x > 0: np.maximum(x, 0)"),
                           ("np.minimum instead of np.maximum", np.minimum(x, 0), "relu keeps the positive part"),
                           ("np.abs(x)", np.abs(x), "negative inputs become 0, not their magnitude")])
    ordinary = [one(relu, "a short mixed-sign input", probes.mixed_signs(rng)),
                one(relu, "a random 2-D input", probes.ordinary(rng, (4, 5)))]
    relu_fwd = Exercise("relu_forward", [
        values("relu_forward/mixed-signs", "relu_forward", ordinary, relu_style),
        values("relu_forward/zeros", "relu_forward", [ordinary[0], one(relu, "an input with exact zeros", probes.with_zeros(rng, (7,)))], relu_style),
        values("relu_forward/shapes", "relu_forward", [ordinary[0]] + [
            one(relu, a_(f"{d} input"), x) for d, x in [("0-d negative", np.array(-1.5)), ("0-d positive", np.array(2.25)),
                                                        ("empty 1-D", np.zeros(0)), ("empty (0, 3)", np.zeros((0, 3))),
                                                        ("3-D", probes.ordinary(rng, (2, 3, 2)))]], relu_style),
        values("relu_forward/large-and-integer", "relu_forward", [ordinary[0],
               one(relu, "huge magnitudes (±1e300)", probes.large(rng)),
               one(relu, "an integer array", probes.integers(rng, (6,)))], relu_style),
        values("relu_forward/input-unchanged", "relu_forward", ordinary, relu_style, unchanged=True),
    ])

    # ── relu_backward(dout, x) ───────────────────────────────────────────────
    back_style = Style(("dout", "x"), refs.formulas["relu_backward"], SOURCE,
                       regions=lambda dout, x: sign_regions(x),
                       mistakes=lambda dout, x: [
                           ("the mask is inverted (dout passed where x < 0)", dout * (x < 0),
                            "relu'(x) is 1 for x > 0 and 0 for x < 0"),
                           ("dout is not multiplied in (only relu'(x) returned)", (x > 0).astype(float),
                            "chain rule: dx = dout * relu'(x), upstream times local"),
                           ("relu(x) * dout: the forward value, not the slope", np.maximum(x, 0) * dout,
                            "the local gradient of relu is its slope, 0 or 1, not its value")])

    def bcase(label, x, dout=None):
        dout = probes.ordinary(rng, np.shape(x)) if dout is None else dout
        return one(relu_b, label, dout, x)

    b_ord = [bcase("a short mixed-sign input", probes.mixed_signs(rng)), bcase("a random 2-D input", probes.ordinary(rng, (4, 5)))]
    kink = bcase("an input with exact zeros (the kink)", probes.with_zeros(rng, (9,)))
    relu_bwd = Exercise("relu_backward", [
        values("relu_backward/mixed-signs", "relu_backward", b_ord, back_style),
        values("relu_backward/kink", "relu_backward", [b_ord[0], kink], back_style,
               note=lambda dout, x, value: kink_convention(dout, x, value)),
        values("relu_backward/shapes", "relu_backward", [b_ord[0]] + [
            bcase(a_(f"{d} input"), x) for d, x in [("0-d negative", np.array(-0.75)), ("0-d positive", np.array(1.5)),
                                                   ("empty 1-D", np.zeros(0)), ("3-D", probes.ordinary(rng, (2, 3, 2)))]], back_style),
        values("relu_backward/large-and-integer", "relu_backward", [b_ord[0],
               bcase("huge magnitudes (±1e300)", probes.large(rng)),
               bcase("integer arrays", probes.integers(rng, (6,)), probes.integers(rng, (6,)))], back_style),
        values("relu_backward/inputs-unchanged", "relu_backward", b_ord + [kink], back_style,
               unchanged=True, unchanged_advice=COPY_ADVICE),
        against_own_forward("relu_backward/matches-forward", "relu_backward", "relu_forward", b_ord, back_style,
                            forward_args=lambda dout, x: (x,), wrt=(0,)),
    ])

    # ── sigmoid_forward(x) ───────────────────────────────────────────────────
    sig_style = Style(("x",), refs.formulas["sigmoid_forward"], SOURCE,
                      regions=sign_regions,
                      mistakes=lambda x: [
                          ("1 / (1 + exp(x)): the sign in the exponent is flipped", 1 / (1 + np.exp(np.clip(x, -700, 700))),
                           "s(x) = 1 / (1 + exp(-x)) is above 1/2 for x > 0"),
                          ("np.tanh(x)", np.tanh(x), "tanh ranges over (-1, 1); the sigmoid over (0, 1)")])
    s_ord = [one(sig, "a short mixed-sign input", probes.mixed_signs(rng)), one(sig, "a random 2-D input", probes.ordinary(rng, (3, 4)))]
    extreme = np.array([-1000.0, -745.0, -50.0, 0.0, 50.0, 745.0, 1000.0])
    sig_fwd = Exercise("sigmoid_forward", [
        values("sigmoid_forward/mixed-signs", "sigmoid_forward", s_ord, sig_style),
        values("sigmoid_forward/shapes", "sigmoid_forward", [s_ord[0]] + [
            one(sig, a_(f"{d} input"), x) for d, x in [("0-d", np.array(-0.5)), ("empty 1-D", np.zeros(0)),
                                                      ("integer", probes.integers(rng, (5,)))]], sig_style),
        values("sigmoid_forward/no-overflow", "sigmoid_forward", [s_ord[0], one(sig, "large |x| (±1000)", extreme)],
               sig_style, forbid_warnings=("overflow", "invalid"), warning_advice=STABLE_ADVICE),
        values("sigmoid_forward/input-unchanged", "sigmoid_forward", s_ord, sig_style, unchanged=True),
    ])

    # ── sigmoid_backward(dout, x) ────────────────────────────────────────────
    sb_style = Style(("dout", "x"), refs.formulas["sigmoid_backward"], SOURCE,
                     mistakes=lambda dout, x: [
                         ("dout is not multiplied in", sig(x) * (1 - sig(x)), "chain rule: upstream gradient times local gradient"),
                         ("dout * s(x): the forward value, not the derivative", dout * sig(x), "s'(x) = s(x) * (1 - s(x))")])

    def sbcase(label, x, dout=None):
        return one(sig_b, label, probes.ordinary(rng, np.shape(x)) if dout is None else dout, x)

    sb_ord = [sbcase("a short mixed-sign input", probes.mixed_signs(rng)), sbcase("a random 2-D input", probes.ordinary(rng, (3, 4)))]
    sig_bwd = Exercise("sigmoid_backward", [
        values("sigmoid_backward/mixed-signs", "sigmoid_backward", sb_ord, sb_style),
        values("sigmoid_backward/shapes", "sigmoid_backward", [sb_ord[0]] + [
            sbcase(a_(f"{d} input"), x) for d, x in [("0-d", np.array(0.25)), ("empty 1-D", np.zeros(0)), ("3-D", probes.ordinary(rng, (2, 2, 3)))]], sb_style),
        values("sigmoid_backward/no-overflow", "sigmoid_backward", [sb_ord[0], sbcase("large |x| (±1000)", extreme)],
               sb_style, forbid_warnings=("overflow", "invalid"), warning_advice=STABLE_ADVICE),
        values("sigmoid_backward/inputs-unchanged", "sigmoid_backward", sb_ord, sb_style, unchanged=True),
        against_own_forward("sigmoid_backward/matches-forward", "sigmoid_backward", "sigmoid_forward", sb_ord, sb_style,
                            forward_args=lambda dout, x: (x,), wrt=(0,)),
    ])

    # ── neuron_forward(x, w) and neuron_backward(dout, x, w) ─────────────────
    nf_style = Style(("x", "w"), refs.formulas["neuron_forward"], SOURCE,
                     regions=lambda x, w: sign_regions(x),
                     mistakes=lambda x, w: [("sigmoid(w * x): relu left out", sig(w * x), "apply relu to x first, then scale by w")])
    w1, w2 = probes.scalar(rng), -abs(probes.scalar(rng))
    nf_ord = [one(neuron, "a short mixed-sign input", probes.mixed_signs(rng), w1),
              one(neuron, "a random 2-D input, negative w", probes.ordinary(rng, (3, 4)), w2)]
    neuron_fwd = Exercise("neuron_forward", [
        values("neuron_forward/mixed-signs", "neuron_forward", nf_ord, nf_style),
        values("neuron_forward/shapes", "neuron_forward", [nf_ord[0]] + [
            one(neuron, label, x, w1) for label, x in [("a 0-d input", np.array(1.25)), ("an empty 1-D input", np.zeros(0)),
                                                        ("an input with exact zeros", probes.with_zeros(rng, (6,)))]], nf_style),
        values("neuron_forward/inputs-unchanged", "neuron_forward", nf_ord, nf_style, unchanged=True),
    ])

    def ncase(label, x, w):
        dout = probes.ordinary(rng, np.shape(x))
        return Case((dout, x, w), label, (n_dx(dout, x, w), np.sum(n_dw(dout, x, w))))

    def nb_mistakes(dout, x, w):
        r = np.maximum(x, 0)
        slope = lambda v: sig(v) * (1 - sig(v))
        z = w * r
        return [
            ("dx without the factor w", (n_dx(dout, x, w).lo / w, None),
             STEP.format(2) + "z = w * a, so its local derivative in a is w, and the path from f to x passes through it"),
            ("dx without relu'(x): the relu step is skipped", (dout * w * slope(z), None),
             STEP.format(3) + "the path from f back to x ends with a = relu(x), whose slope is 0 where x < 0"),
            ("the sigmoid's slope taken at x instead of at its own input z = w * relu(x)",
             (dout * slope(x) * w * (x > 0), float(np.sum(dout * slope(x) * r))),
             STEP.format(2) + "each local derivative is evaluated at that piece's input from the forward pass; "
             "the sigmoid's input is z, not x"),
            ("s(z) used as the sigmoid's slope (its derivative, s(z) * (1 - s(z)), is not used)",
             (dout * sig(z) * w * (x > 0), float(np.sum(dout * sig(z) * r))),
             STEP.format(2) + "the local derivative of s at z is its slope there, as in your sigmoid_backward, "
             "not its value"),
            ("dw built from x instead of relu(x)", (None, float(np.sum(dout * slope(z) * x))),
             STEP.format(2) + "z = w * a with a = relu(x), so the local derivative of z in w is a, the value "
             "that multiplies w; it differs from x wherever x < 0"),
            ("dw not summed over the entries", (None, n_dw(dout, x, w)),
             STEP.format(5) + "one w is shared by every entry, so its gradient adds up one term per entry"),
        ]

    # Regions have x's shape: they locate a wrong dx; a wrong scalar dw gets none (kit.compare.where_wrong).
    nb_style = Style(("dout", "x", "w"), refs.formulas["neuron_backward_dx"], SOURCE, outputs=("dx", "dw"),
                     regions=lambda dout, x, w: sign_regions(x), mistakes=nb_mistakes,
                     hint="derive it again step by step (derivations.py): name the pieces, take each local "
                          "derivative at the forward pass's values, multiply them along the path")
    nb_ord = [ncase("a short mixed-sign input", probes.mixed_signs(rng), w1), ncase("a random 2-D input, negative w", probes.ordinary(rng, (3, 4)), w2)]
    neuron_bwd = Exercise("neuron_backward", [
        values("neuron_backward/mixed-signs", "neuron_backward", nb_ord, nb_style),
        values("neuron_backward/kink", "neuron_backward", [nb_ord[0], ncase("an input with exact zeros (the kink)", probes.with_zeros(rng, (6,)), w1)], nb_style),
        values("neuron_backward/shapes", "neuron_backward", [nb_ord[0]] + [
            ncase(a_(f"{d} input"), x, w2) for d, x in [("0-d", np.array(0.8)), ("empty 1-D", np.zeros(0)), ("3-D", probes.ordinary(rng, (2, 2, 2)))]], nb_style),
        values("neuron_backward/inputs-unchanged", "neuron_backward", nb_ord, nb_style, unchanged=True, unchanged_advice=COPY_ADVICE),
        against_own_forward("neuron_backward/matches-forward", "neuron_backward", "neuron_forward", nb_ord, nb_style,
                            forward_args=lambda dout, x, w: (x, w), wrt=(0, 1)),
    ])
    return [relu_fwd, relu_bwd, sig_fwd, sig_bwd, neuron_fwd, neuron_bwd]
