"""Checks for session 04: a two-layer network's forward and backward pass, softmax cross-entropy, and
gradient checking (numerical_gradient, rel_error).

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Each check mixes its special inputs with ordinary ones, so no constant answer earns a point.

What is generic lives in kit/kinds: `numerical_gradient` takes a Python function and
`two_layer_backward` takes the learner's own cache, so both are called through the kit's helpers in
HELPERS (through_helper); the forward returns (scores, cache) and only the scores are judged
(first_item); the kink's valid slopes (kink); the mistakes of a numerical gradient and a relative error
(gradient_check). Network inputs keep every pre-activation z1 at least 0.1 away from ReLU's kink,
except in the one check about the kink, where one entry is exactly 0 and any slope in [0, 1] is accepted.
"""

import numpy as np

from kit import compare, probes
from kit.declare import Declare, against_forward, stable, unchanged, with_options
from kit.kinds.first_item import first_item
from kit.kinds.kink import between, slope_note
from kit.kinds.gradient_check import MOVED_ADVICE, gradient_mistakes, loosely, rel_error_mistakes
from kit.kinds.through_helper import cache_helper, cache_reused, function_helper, through

NET = ("dscores", "X", "W1", "b1", "W2", "b2")
PROBES = {"exp": "np.sum(np.exp(2 * x))", "cubic": "np.sum(x ** 3)", "coupled": "np.sum(x) ** 2 / 2 + np.sum(np.sin(x))"}
HELPERS = (function_helper("_probe_numerical_gradient", "numerical_gradient", PROBES)
           + cache_helper("_probe_backward", "two_layer_forward", "two_layer_backward", NET[1:]))
SHIFT_ADVICE = ("subtract each row's max first: shifted = scores - scores.max(axis=1, keepdims=True). The softmax "
                "does not change (derivations.py proves it) and np.exp of numbers <= 0 cannot overflow")
CACHE_ADVICE = (" (e.g. `h1[h1 > 0] = 1` to build the mask, or `dz1 = dh1` then `dz1[...] = 0` where dh1 is cached). "
                "Build new arrays instead of writing into cached ones")


def network(rng, n, d, h, c, kink=False):
    """(dscores, X, W1, b1, W2, b2) with every z1 = X @ W1 + b1 at least 0.1 away from 0, both signs. With
    `kink`, z1[0, 0] == 0 exactly and only there (X and W1 are halves: their sums of products are exact floats)."""
    for _ in range(200):
        X, W1, b1 = probes.ordinary(rng, (n, d)), probes.ordinary(rng, (d, h), scale=1.5), probes.ordinary(rng, (h,))
        if kink:
            X, W1 = (rng.choice([-2, -1.5, -1, -0.5, 0.5, 1, 1.5, 2], size=shape) for shape in ((n, d), (d, h)))
            b1[0] = -(X[0] @ W1[:, 0])
        z1 = (X @ W1 + b1).ravel()
        if np.abs(z1[1:] if kink else z1).min() >= 0.1 and (z1[0] == 0 or not kink) and (z1 > 0).any() and (z1 < 0).any():
            return probes.ordinary(rng, (n, c)), X, W1, b1, probes.ordinary(rng, (h, c), scale=1.5), probes.ordinary(rng, (c,))
    raise RuntimeError("no such network found")


def large_scores(rng, shape):
    """Rows near +1000 and -1000, entries within ±3 of each other: unshifted exp overflows (inf / inf) or
    underflows (0 / 0); after shifting by the row max every class keeps a sensible probability."""
    return probes.ordinary(rng, shape) + np.where(np.arange(shape[0]) % 2, -1000.0, 1000.0)[:, None]


def backward_mistakes(dscores, X, W1, b1, W2, b2, passes=1):
    """two_layer_backward is derive-it-yourself: the advice names the step of derivations.py that went
    wrong, never the finished line."""
    z1 = X @ W1 + b1
    h1, dh1, dz1 = np.maximum(z1, 0), dscores @ W2.T, (dscores @ W2.T) * (z1 > 0)
    from_dz1 = lambda dz: (dz @ W1.T, X.T @ dz, dz.sum(axis=0), None, None)
    relu, layer2, layer1 = (f"derivations.py, step {n}: " for n in (
        "3 (ReLU)", "2 (linear layer 2, whose input is h1)", "4 (linear layer 1, whose input is X)"))
    return [
        ("the ReLU step is skipped (dz1 = dh1; note that h1 >= 0 is always true)", from_dz1(dh1),
         relu + "the local derivative of max(z1, 0) is 0 where z1 < 0, so no gradient passes an inactive unit"),
        ("ReLU applied to the gradient (dz1 = np.maximum(dh1, 0))", from_dz1(np.maximum(dh1, 0)),
         relu + "backward multiplies dh1 by relu's slope at z1 (0 or 1); it does not apply relu to dh1"),
        ("the ReLU step uses the wrong side (the slope taken as 1 where z1 < 0)", from_dz1(dh1 * (z1 < 0)),
         relu + "relu(z) = z where z > 0, so its slope is 1 there and 0 where z < 0"),
        ("dz1 = dh1 * h1: multiplied by relu(z1) itself, not by its slope", from_dz1(dh1 * h1),
         relu + "the chain rule multiplies by the derivative d relu(z1) / d z1 (0 or 1), not by the value relu(z1)"),
        ("dW2 = (dscores.T @ h1).reshape(W2.shape): a reshape is not a transpose", (None, None, None, (dscores.T @ h1).reshape(W2.shape), None),
         layer2 + "find the product of h1 (N, H) and dscores (N, C) that is (H, C) without reshaping; reshape keeps the memory order and scrambles the entries"),
        ("dW1 = (dz1.T @ X).reshape(W1.shape): a reshape is not a transpose", (None, (dz1.T @ X).reshape(W1.shape), None, None, None),
         layer1 + "find the product of X (N, D) and dz1 (N, H) that is (D, H) without reshaping"),
        ("dX = (W1 @ dz1.T).reshape(X.shape): a reshape is not a transpose", ((W1 @ dz1.T).reshape(X.shape), None, None, None, None),
         layer1 + "find the product of dz1 (N, H) and W1 (D, H) that is (N, D) without reshaping"),
        ("dW2 built from z1 instead of h1 = relu(z1)", (None, None, None, z1.T @ dscores, None),
         layer2 + "scores = h1 @ W2 + b2, so layer 2's input, the array that multiplies W2, is h1 (after the ReLU)"),
    ]


def softmax_mistakes(scores, y):
    n, onehot = scores.shape[0], np.eye(scores.shape[1])[y]
    with np.errstate(all="ignore"):
        p = np.exp(scores - scores.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
    return [("the 1/N of the mean is missing (a sum over samples)", (-np.sum(np.log(p[np.arange(n), y])), p - onehot),
             "loss is the mean over the N samples, so every gradient entry carries a 1/N"),
            ("dscores = p / N: the -1 at the right class is missing", (None, p / n), "d(-log p_y)/ds = p - onehot(y): subtract 1 at each row's label"),
            ("dscores = (onehot(y) - p) / N: the sign is flipped", (None, (onehot - p) / n),
             "the loss falls when the right class's score rises: dscores = (p - onehot(y)) / N")]


def alias(case, outcome):
    """Right dscores with a wrong (often nan) loss: the loss read p after dscores = p changed it."""
    found = compare.match(outcome["value"], case.expected)
    if found and found.part == 0 and compare.match(outcome["value"]["items"][1], case.expected[1]) is None:
        return ("the loss was computed from p after `dscores = p; dscores[rows, y] -= 1` changed p in place (both names, "
                "one array): compute the loss first, or start from dscores = p.copy()")


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/04-backprop-mlp/derivations.py")
    shapes = (("a batch of 5 samples (D=2, H=4, C=3)", 5, 2, 4, 3), ("a batch of 4 samples (D=3, H=6, C=2)", 4, 3, 6, 2),
              ("one sample (N=1, D=3, H=2, C=4)", 1, 3, 2, 4), ("one input feature and one class (N=3, D=1, H=5, C=1)", 3, 1, 5, 1))
    nets = [(label, network(rng, *dims)) for label, *dims in shapes]

    # two_layer_forward(X, W1, b1, W2, b2) -> (scores, cache): only the scores are judged
    style = d.style("two_layer_scores", NET[1:], elementwise=False, mistakes=lambda X, W1, b1, W2, b2: [
        ("the ReLU is missing", (X @ W1 + b1) @ W2 + b2, "h1 = np.maximum(X @ W1 + b1, 0) between the layers"),
        ("b1 added after the ReLU", (np.maximum(X @ W1, 0) + b1) @ W2 + b2, "z1 = X @ W1 + b1 first, then the ReLU"),
        ("ReLU applied to the scores too", np.maximum(np.maximum(X @ W1 + b1, 0) @ W2 + b2, 0),
         "the scores are raw (any sign); only the hidden layer has a ReLU"),
        ("np.minimum instead of np.maximum", np.minimum(X @ W1 + b1, 0) @ W2 + b2, "relu(z) = np.maximum(z, 0)")])
    f = d.cases("two_layer_scores", *((label, net[1:]) for label, net in nets))
    pair = ("two_layer_forward", ("scores", "cache"),
            "return scores, cache  with cache a tuple of what your backward needs, e.g. (X, W1, W2, z1, h1)")
    forward = first_item(d.exercise("two_layer_forward", style, {"values": f[:2], "shapes": [f[0]] + f[2:],
                                                                 "inputs-unchanged": unchanged(f[:2])}), *pair)

    # two_layer_backward(dscores, cache) -> (dX, dW1, db1, dW2, db2), through _probe_backward
    grads, cached = refs["two_layer_grads"], "; cache from your two_layer_forward"
    style = d.style("two_layer_grads", NET, elementwise=False, outputs=("dX", "dW1", "db1", "dW2", "db2"), mistakes=backward_mistakes)
    b = d.cases(grads, *((label + cached, net) for label, net in nets))
    kink = d.case(between(grads), "a batch with z1[0, 0] == 0 exactly (the kink)" + cached, *network(rng, 4, 3, 4, 2, kink=True))
    once, small = (d.case(grads, label + cached, *network(rng, *dims)) for label, *dims in (
        ("a batch of 4 samples", 4, 3, 5, 2), ("a batch of 3 samples (D=2, H=4, C=3)", 3, 2, 4, 3)))   # small: 66 forward calls
    backward = first_item(through(d.exercise("two_layer_backward", style, {
        "values": b[:2], "shapes": [b[0]] + b[2:],
        "kink": with_options([b[0], kink], note=slope_note(grads, "z1 == 0", "ReLU slope", {0: "PyTorch's dout * (z1 > 0)",
                                                                                             1: "grad[z1 < 0] = 0"})),
        "inputs-unchanged": unchanged(b[:2]),
        "cache-reused": cache_reused("two_layer_backward/cache-reused", once, style, CACHE_ADVICE),
        "matches-forward": against_forward("two_layer_forward", [small], lambda dscores, *net: net, wrt=(0, 1, 2, 3, 4)),
    }), "_probe_backward"), *pair)

    # softmax_loss(scores, y) -> (loss, dscores)
    style = d.style("softmax_ce", ("scores", "y"), elementwise=False, outputs=("loss", "dscores"), mistakes=softmax_mistakes)
    s = d.cases("softmax_ce", *((label, (scores(rng, (n, c)), rng.integers(0, c, size=n))) for label, n, c, scores in (
        ("5 samples, 3 classes", 5, 3, probes.ordinary), ("4 samples, 6 classes", 4, 6, probes.ordinary),
        ("one sample, 5 classes", 1, 5, probes.ordinary), ("6 samples, 2 classes", 6, 2, probes.ordinary),
        ("scores near ±1000", 4, 3, large_scores))))
    softmax = d.exercise("softmax_loss", style, {
        "values": with_options(s[:2], explain=alias), "shapes": with_options([s[0]] + s[2:4], explain=alias),
        "large-scores": with_options([s[0], s[4]], explain=alias, forbid_warnings=("encountered in exp", "encountered in divide"),
                                     warning_advice=SHIFT_ADVICE),
        "inputs-unchanged": with_options(s[:2], explain=alias, unchanged=True, unchanged_advice=(
            "`scores -= ...` writes into the caller's array; `shifted = scores - m` builds a new one")),
    })

    # numerical_gradient(f, x, h=1e-5), through _probe_numerical_gradient(name, x). Central differences at
    # h = 1e-5 are within ~1e-9 of the exact gradient here, forward ones off by h * f''/2 >= ~1e-4: 1e-7 tells them apart.
    def g(name, shape, where, low=None):
        x = probes.ordinary(rng, shape) if low is None else np.round(rng.uniform(low, low + 1, size=shape), 2)
        return d.case(lambda name, x: refs[f"probe_{name}_grad"](x), f"PROBES[{name!r}]: {refs.formulas['probe_' + name]}, at {where}", name, x)

    style = d.style(None, ("f", "x"), formula="grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2 * h), exact gradient from SymPy",
                    elementwise=False, rtol=1e-7, atol=1e-7,
                    mistakes=lambda name, x: gradient_mistakes(lambda v: float(np.sum(refs["probe_" + name](v))), x))
    ordinary = [g("cubic", (3, 4), "a random 3×4 x"), g("coupled", (5,), "a random 1-D x")]
    steep = g("exp", (2, 3), "a 2×3 x in [0.5, 1.5], where f'' = 4 exp(2x) is large", 0.5)
    gradient = through(d.exercise("numerical_gradient", style, {
        "values": ordinary, "central-differences": [ordinary[0], steep],
        # these two are about shapes and about x: any finite-difference gradient is right enough there
        "shapes": loosely("numerical_gradient/shapes", [ordinary[1], g("cubic", (2, 2, 3), "a 2×2×3 x"), g("coupled", (2, 3), "a 2×3 x"),
                          g("exp", (1,), "a one-entry x", 0.5)], style, "grad having x's shape for 1-D, 2-D and 3-D x"),
        "x-restored": loosely("numerical_gradient/x-restored", [steep, g("coupled", (3, 3), "a 3×3 x")], style,
                              "the caller's x coming back unchanged", unchanged=True, unchanged_advice=MOVED_ADVICE),
    }), "_probe_numerical_gradient")

    # rel_error(a, b) -> float
    def r(label, a, b):
        return d.case(lambda a, b: np.max(refs["rel_error_entries"](np.asarray(a, float), np.asarray(b, float))), label, a, b)

    def nearby(shape, spread, flip=0, zero=0):
        a = probes.ordinary(rng, shape)
        a.ravel()[:zero] = 0.0
        b = a * (1 + rng.uniform(-spread, spread, size=shape))
        b.ravel()[:flip] *= -1
        return a, b

    style = d.style("rel_error_entries", ("a", "b"), elementwise=False, mistakes=rel_error_mistakes)
    rel = [r("two nearby 3×4 arrays (about 1e-6 apart)", *nearby((3, 4), 1e-6)), r("two 1-D arrays, one entry of opposite sign", *nearby((5,), 1e-3, 1))]
    rel_error = d.exercise("rel_error", style, {
        "values": rel, "both-zero": stable([rel[0], r("arrays with entries where a == b == 0", *nearby((2, 4), 1e-4, zero=2))],
                                           "the floor np.maximum(1e-8, ...) keeps 0 / 0 away", ("overflow", "invalid", "divide by zero")),
        "scalars": [rel[0], r("two floats", 1.0, 1.0 + 1e-7), r("two float zeros", 0.0, 0.0), r("two 0-d arrays", np.array(-2.5), np.array(-2.4))],
        "inputs-unchanged": unchanged(rel),
    })
    return [forward, backward, softmax, gradient, rel_error]

