"""Hidden tests for session 04: a two-layer network's forward and backward pass, softmax
cross-entropy, and gradient checking (numerical_gradient, rel_error).

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Each check mixes its special inputs with ordinary ones, so no constant answer earns a point.

Two exercises cannot be called with arrays alone: `numerical_gradient` takes a Python function and
`two_layer_backward` takes the learner's own cache. Two small helpers do it (HELPERS below: the kit's,
run in the learner's namespace after their file loads, so a learner cannot edit what is graded); the
calls below go to those helpers, marked `on_behalf` of the exercise, so the grader treats each such
call as the exercise's own (a NotImplementedError in it reads "not implemented", as a direct call would).
Network inputs keep every pre-activation z1 at least 0.1 away from ReLU's kink, except in the one
check about the kink, where one entry is exactly 0 and any slope in [0, 1] there is accepted.
"""

import dataclasses

import numpy as np

from kit import compare, probes
from kit.derive import Bounds
from kit.judges import Case, Style, against_own_forward, value_problem, values
from kit.spec import Check, Exercise, Verdict

SOURCE = "sessions/04-backprop-mlp/derivations.py"

# The kit's helpers, defined in the learner's namespace after their file loads (they win over any
# definition of the same name). The forward gets the caller's arrays, as in real code, so a backward
# that writes into its cache is caught changing them.
HELPERS = """
PROBES = {
    "exp": lambda x: np.sum(np.exp(2 * x)),
    "cubic": lambda x: np.sum(x ** 3),
    "coupled": lambda x: np.sum(x) ** 2 / 2 + np.sum(np.sin(x)),
}


def _probe_numerical_gradient(name, x):
    return numerical_gradient(PROBES[name], x)


def _probe_backward(dscores, X, W1, b1, W2, b2, passes=1):
    _, cache = two_layer_forward(X, W1, b1, W2, b2)
    for _ in range(passes):
        grads = two_layer_backward(dscores, cache)
    return grads
"""
NET = ("dscores", "X", "W1", "b1", "W2", "b2")
GRADS = ("dX", "dW1", "db1", "dW2", "db2")
H_STEP = 1e-5                       # numerical_gradient's default h, used by the probes
ROUGH = 1e-3                        # a tolerance any finite-difference gradient meets on the probes
LOUD = ("overflow", "invalid", "divide by zero")
UNSHIFTED = ("encountered in exp", "encountered in divide")   # what exp(±1000) leads to
SHIFT_ADVICE = ("subtract each row's max first: shifted = scores - scores.max(axis=1, keepdims=True). The softmax "
                "does not change (derivations.py proves it) and np.exp of numbers <= 0 cannot overflow")
SCORES_COPY = "`scores -= ...` writes into the caller's array; `shifted = scores - m` builds a new one"
RESTORE_ADVICE = ("after evaluating f at x[i] = old - h, put the old value back (x[i] = old) before moving to the next "
                  "entry: the caller's x must be unchanged, and later entries must be perturbed around the original x")
MOVED_ADVICE = ("x came back changed, by about h = 1e-5 per entry (too small to see at 4 digits): " + RESTORE_ADVICE)
CACHE_ADVICE = ("the first backward pass was right and the second, on the same cache, was not: your backward writes "
                "into an array of the cache (e.g. `h1[h1 > 0] = 1` to build the mask, or `dz1 = dh1` then "
                "`dz1[...] = 0` where dh1 is cached). Build new arrays instead of writing into cached ones")


def stopped_at_values(inner, check_id, about):
    """A check about shapes or x that failed on the values says so, instead of reading as a values check."""
    def judge(outcomes):
        verdict = inner(outcomes)
        if not verdict.passed and "wrong values" in verdict.message.split("\n")[0]:
            verdict.message += (f"\n  {'checks':<9} {check_id} is about {about}; it compares values only "
                                f"loosely (within {ROUGH:g}) and these are wrong beyond that: fix numerical_gradient/values first")
        return verdict
    return judge


def routed(check, table):
    """The same check with its calls to table's keys sent through the learner's helpers."""
    calls = [dataclasses.replace(c, func=table[c.func], on_behalf=c.func) if c.func in table else c for c in check.calls]
    return dataclasses.replace(check, calls=calls)


def with_judge(check, wrap):
    return dataclasses.replace(check, judge=wrap(check.judge))


# ── inputs ────────────────────────────────────────────────────────────────────
def network(rng, n, d, h, c):
    """(dscores, X, W1, b1, W2, b2) with every z1 = X @ W1 + b1 at least 0.1 away from 0, both signs."""
    for _ in range(200):
        X, W1, b1 = probes.ordinary(rng, (n, d)), probes.ordinary(rng, (d, h), scale=1.5), probes.ordinary(rng, (h,))
        z1 = X @ W1 + b1
        if np.abs(z1).min() >= 0.1 and (z1 > 0).any() and (z1 < 0).any():
            return probes.ordinary(rng, (n, c)), X, W1, b1, probes.ordinary(rng, (h, c), scale=1.5), probes.ordinary(rng, (c,))
    raise RuntimeError("no kink-free network found")


def network_at_kink(rng, n=4, d=3, h=4, c=2):
    """A network whose z1 has exactly one zero, z1[0, 0]; sums of products of halves are exact floats."""
    halves = [-2.0, -1.5, -1.0, -0.5, 0.5, 1.0, 1.5, 2.0]
    for _ in range(200):
        dscores, _, _, b1, W2, b2 = network(rng, n, d, h, c)
        X, W1 = rng.choice(halves, size=(n, d)), rng.choice(halves, size=(d, h))
        b1[0] = -(X[0] @ W1[:, 0])
        z1 = X @ W1 + b1
        others = np.delete(z1.ravel(), 0)
        if z1[0, 0] == 0 and np.abs(others).min() >= 0.1 and (z1 > 0).any() and (z1 < 0).any():
            return dscores, X, W1, b1, W2, b2
    raise RuntimeError("no network with one kink found")


def labels(rng, n, c):
    return rng.integers(0, c, size=n)


def large_scores(rng, n=4, c=3):
    """Rows near +1000 and -1000, entries within ±3 of each other: unshifted exp overflows (inf / inf)
    or underflows (0 / 0); after shifting by the row max every class keeps a sensible probability."""
    s = probes.ordinary(rng, (n, c))
    s[0::2] += 1000.0
    s[1::2] -= 1000.0
    return s


# ── the mistakes each exercise is likely to make, as values (plain NumPy, kit side) ──
def variant_grads(dscores, X, W1, b1, W2, b2, dz_of=None):
    """The backward pass with the ReLU step replaced by dz_of(dh1, z1)."""
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    dh1 = dscores @ W2.T
    dz1 = dz_of(dh1, z1) if dz_of else dh1 * (z1 > 0)
    return dz1 @ W1.T, X.T @ dz1, dz1.sum(axis=0), h1.T @ dscores, dscores.sum(axis=0)


def backward_mistakes(dscores, X, W1, b1, W2, b2, passes=1):
    """two_layer_backward is derive-it-yourself: the advice names the step of the derivation that went
    wrong (derivations.py, steps 1-4), never the finished line."""
    z1 = X @ W1 + b1
    h1, dz1 = np.maximum(z1, 0), (dscores @ W2.T) * (z1 > 0)
    step2, step3, step4 = ("derivations.py, step 2 (linear layer 2, whose input is h1)", "derivations.py, step 3 (ReLU)",
                           "derivations.py, step 4 (linear layer 1, whose input is X)")
    return [
        ("the ReLU step is skipped (dz1 = dh1; note that h1 >= 0 is always true)",
         variant_grads(dscores, X, W1, b1, W2, b2, lambda dh, z: dh)[:3] + (None, None),
         f"{step3}: the local derivative of max(z1, 0) is 0 where z1 < 0, so no gradient passes an inactive unit"),
        ("ReLU applied to the gradient (dz1 = np.maximum(dh1, 0))",
         variant_grads(dscores, X, W1, b1, W2, b2, lambda dh, z: np.maximum(dh, 0))[:3] + (None, None),
         f"{step3}: backward multiplies dh1 by relu's slope at z1 (0 or 1); it does not apply relu to dh1"),
        ("the ReLU step uses the wrong side (the slope taken as 1 where z1 < 0)",
         variant_grads(dscores, X, W1, b1, W2, b2, lambda dh, z: dh * (z < 0))[:3] + (None, None),
         f"{step3}: relu(z) = z where z > 0, so its slope is 1 there and 0 where z < 0"),
        ("dz1 = dh1 * h1: multiplied by relu(z1) itself, not by its slope",
         variant_grads(dscores, X, W1, b1, W2, b2, lambda dh, z: dh * np.maximum(z, 0))[:3] + (None, None),
         f"{step3}: the chain rule multiplies by the derivative d relu(z1) / d z1 (0 or 1), not by the value relu(z1)"),
        ("dW2 = (dscores.T @ h1).reshape(W2.shape): a reshape is not a transpose",
         (None, None, None, (dscores.T @ h1).reshape(W2.shape), None),
         f"{step2}: find the product of h1 (N, H) and dscores (N, C) that is (H, C) without reshaping; "
         "reshape keeps the memory order and scrambles the entries"),
        ("dW1 = (dz1.T @ X).reshape(W1.shape): a reshape is not a transpose",
         (None, (dz1.T @ X).reshape(W1.shape), None, None, None),
         f"{step4}: find the product of X (N, D) and dz1 (N, H) that is (D, H) without reshaping"),
        ("dX = (W1 @ dz1.T).reshape(X.shape): a reshape is not a transpose",
         ((W1 @ dz1.T).reshape(X.shape), None, None, None, None),
         f"{step4}: find the product of dz1 (N, H) and W1 (D, H) that is (N, D) without reshaping"),
        ("dW2 built from z1 instead of h1 = relu(z1)", (None, None, None, z1.T @ dscores, None),
         f"{step2}: scores = h1 @ W2 + b2, so layer 2's input, the array that multiplies W2, is h1 (after the ReLU)"),
    ]


def softmax_mistakes(scores, y):
    n = scores.shape[0]
    with np.errstate(all="ignore"):
        p = np.exp(scores - scores.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        loss = -np.mean(np.log(p[np.arange(n), y]))
    onehot = np.eye(scores.shape[1])[y]
    return [
        ("the 1/N of the mean is missing (a sum over samples)", (loss * n, (p - onehot)),
         "loss is the mean over the N samples, so every gradient entry carries a 1/N"),
        ("dscores = p / N: the -1 at the right class is missing", (None, p / n),
         "d(-log p_y)/ds = p - onehot(y): subtract 1 at each row's label"),
        ("dscores = (onehot(y) - p) / N: the sign is flipped", (None, (onehot - p) / n),
         "the loss falls when the right class's score rises: dscores = (p - onehot(y)) / N"),
    ]


def one_sided(f, x, h, sign):
    """(f(x + sign*h e_i) - f(x)) / (sign*h) for every entry: forward (+1) or backward (-1) differences."""
    grad = np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        moved = x.copy()
        moved[idx] += sign * h
        grad[idx] = (f(moved) - f(x)) / (sign * h)
    return grad


def not_restored(f, x, h, left):
    """Central differences where each perturbed entry is left at old + left (earlier entries shifted)."""
    grad, work = np.zeros(x.shape), x.astype(float).copy()
    for idx in np.ndindex(x.shape):
        old = work[idx]
        plus, minus = work.copy(), work.copy()
        plus[idx], minus[idx] = old + h, old - h
        grad[idx] = (f(plus) - f(minus)) / (2 * h)
        work[idx] = old + left
    return grad


def gradient_mistakes(functions):
    def mistakes(name, x):
        f = functions[name]
        return [
            ("forward differences (f(x + h e_i) - f(x)) / h", one_sided(f, x, H_STEP, +1),
             "forward differences are off by about h * f''(x) / 2; central ones by h**2 * f'''(x) / 6 "
             "(derivations.py): evaluate f at x[i] = old + h and old - h, divide by 2 * h"),
            ("backward differences (f(x) - f(x - h e_i)) / h", one_sided(f, x, H_STEP, -1),
             "one-sided differences are off by about h * f''(x) / 2: use both x[i] = old + h and old - h"),
            ("x not restored: each entry is left at old - h, so later entries see a shifted x",
             not_restored(f, x, H_STEP, -H_STEP), RESTORE_ADVICE),
            ("x not restored: each entry is left at old + h, so later entries see a shifted x",
             not_restored(f, x, H_STEP, +H_STEP), RESTORE_ADVICE),
            ("all zeros: f never saw the perturbation (x.flatten() and x.copy() are copies; perturb x itself, "
             "or pass the perturbed copy to f)", np.zeros(x.shape), "f(x) must be evaluated at the perturbed x"),
        ]
    return mistakes


def rel_mistakes(a, b):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    num = np.abs(a - b)
    with np.errstate(all="ignore"):
        entries = num / np.maximum(1e-8, np.abs(a) + np.abs(b))
        return [
            ("np.mean instead of np.max", np.mean(entries), "a gradient check reports the worst entry: np.max"),
            ("np.sum instead of np.max", np.sum(entries), "a gradient check reports the worst entry: np.max"),
            ("divided by max(|a|, |b|) instead of |a| + |b|",
             np.max(num / np.maximum(1e-8, np.maximum(np.abs(a), np.abs(b)))), "the denominator is np.abs(a) + np.abs(b)"),
            ("the absolute error |a - b|, not divided", np.max(num), "divide by np.maximum(1e-8, np.abs(a) + np.abs(b))"),
            ("one ratio of sums, sum|a - b| / sum(|a| + |b|)", np.sum(num) / max(1e-8, np.sum(np.abs(a) + np.abs(b))),
             "the relative error is taken entry by entry, then the largest one"),
        ]


# ── judges that read more than values ─────────────────────────────────────────
def first_of_pair(wrapped_judge, forward_calls, own=True):
    """two_layer_forward returns (scores, cache): hand the scores to the judge, complain otherwise
    (in the forward's own checks; in its backward's, a bad forward only voids the comparison)."""
    def judge(outcomes):
        plain = []
        for i, outcome in enumerate(outcomes):
            value = outcome.get("value", {})
            if i in forward_calls and outcome.get("status") == "ok":
                if value.get("kind") in ("tuple", "list") and value.get("length") == 2:
                    outcome = {**outcome, "value": value["items"][0]}
                else:
                    got = f"a {value.get('kind')} of {value.get('length')}" if "length" in value else f"one {value.get('kind')}"
                    if not own:
                        outcome = {"status": "raised", "message": f"two_layer_forward returned {got}, not the pair (scores, cache)"}
                        plain.append(outcome)
                        continue
                    return Verdict(False, "\n".join([
                        f"two_layer_forward returned {got}, expected the pair (scores, cache)",
                        "  hint      return scores, cache  with cache a tuple of what your backward needs, e.g. "
                        "(X, W1, W2, z1, h1)"]))
            plain.append(outcome)
        return wrapped_judge(plain)
    return judge


def loss_after_alias(cases):
    """Right dscores with a wrong (often nan) loss: the loss read p after dscores = p changed it."""
    def wrap(inner):
        def judge(outcomes):
            verdict = inner(outcomes)
            if verdict.passed:
                return verdict
            for case, outcome in zip(cases, outcomes):
                found = compare.match(outcome.get("value", {}), case.expected)
                if found is not None and found.part == 0 and compare.match(outcome["value"]["items"][1], case.expected[1]) is None:
                    verdict.message += ("\n  looks like the loss was computed from p after `dscores = p; dscores[rows, y] -= 1` "
                                        "changed p in place (both names, one array): compute the loss first, or start "
                                        "from dscores = p.copy()")
                    break
            return verdict
        return judge
    return wrap


def kink_note(grads):
    def note(dscores, X, W1, b1, W2, b2, value):
        lo, hi = grads(dscores, X, W1, b1, W2, b2, 0.0)[2][0], grads(dscores, X, W1, b1, W2, b2, 1.0)[2][0]
        items = value.get("items") or []
        got = compare.received(items[2])[0] if len(items) == 5 else None
        if got is None or got.shape != b1.shape or hi == lo:
            return ""
        slope = round((float(got[0]) - lo) / (hi - lo), 6) + 0.0
        name = {0: "PyTorch's dout * (z1 > 0)", 1: "grad[z1 < 0] = 0"}.get(slope, "")
        return f"at z1 == 0 your ReLU slope is {slope:.3g}" + (f" ({name})" if name else "") + "; any value in [0, 1] is valid"
    return note


def reused_cache(case_once, case_twice, style):
    """Two backward passes on one cache: the second must equal the first (and the derivation)."""
    def judge(outcomes):
        first = value_problem("two_layer_backward", case_once, outcomes[0], style)
        if first:
            return Verdict(False, first)
        second = value_problem("two_layer_backward", case_twice, outcomes[1], style)
        if second:
            return Verdict(False, second + "\n  hint      " + CACHE_ADVICE)
        return Verdict(True)
    return judge


# ── the checks ─────────────────────────────────────────────────────────────────
def exercises(refs, rng):
    scores_ref, grads_ref, softmax_ref = refs["two_layer_scores"], refs["two_layer_grads"], refs["softmax_ce"]
    backward_helper = "_probe_backward"
    gradient_helper = "_probe_numerical_gradient"

    # ── two_layer_forward(X, W1, b1, W2, b2) -> (scores, cache) ──────────────
    def fcase(label, net):
        args = net[1:]
        return Case(args, label, scores_ref(*args))

    fwd_style = Style(NET[1:], refs.formulas["two_layer_scores"], SOURCE, elementwise=False,
                      mistakes=lambda X, W1, b1, W2, b2: [
                          ("the ReLU is missing", (X @ W1 + b1) @ W2 + b2, "h1 = np.maximum(X @ W1 + b1, 0) between the layers"),
                          ("b1 added after the ReLU", (np.maximum(X @ W1, 0) + b1) @ W2 + b2, "z1 = X @ W1 + b1 first, then the ReLU"),
                          ("ReLU applied to the scores too", np.maximum(np.maximum(X @ W1 + b1, 0) @ W2 + b2, 0),
                           "the scores are raw (any sign); only the hidden layer has a ReLU"),
                          ("np.minimum instead of np.maximum", np.minimum(X @ W1 + b1, 0) @ W2 + b2, "relu(z) = np.maximum(z, 0)")])
    f_ord = [fcase("a batch of 5 samples (D=2, H=4, C=3)", network(rng, 5, 2, 4, 3)),
             fcase("a batch of 4 samples (D=3, H=6, C=2)", network(rng, 4, 3, 6, 2))]

    def forward_check(check_id, cases, **options):
        check = values(check_id, "two_layer_forward", cases, fwd_style, **options)
        return with_judge(check, lambda inner: first_of_pair(inner, set(range(len(cases)))))

    forward = Exercise("two_layer_forward", [
        forward_check("two_layer_forward/values", f_ord),
        forward_check("two_layer_forward/shapes", [f_ord[0],
                      fcase("one sample (N=1, D=3, H=2, C=4)", network(rng, 1, 3, 2, 4)),
                      fcase("one input feature and one class (N=3, D=1, H=5, C=1)", network(rng, 3, 1, 5, 1))]),
        forward_check("two_layer_forward/inputs-unchanged", f_ord, unchanged=True),
    ])

    # ── two_layer_backward(dscores, cache) -> (dX, dW1, db1, dW2, db2) ───────
    def bcase(label, net, passes=None):
        args = tuple(net) + (() if passes is None else (passes,))
        return Case(args, label + "; cache from your two_layer_forward", grads_ref(*net))

    bwd_style = Style(NET, refs.formulas["two_layer_grads"], SOURCE, elementwise=False, outputs=GRADS,
                      mistakes=backward_mistakes)
    b_ord = [bcase("a batch of 5 samples (D=2, H=4, C=3)", network(rng, 5, 2, 4, 3)),
             bcase("a batch of 4 samples (D=3, H=6, C=2)", network(rng, 4, 3, 6, 2))]
    small = network(rng, 3, 2, 4, 3)                    # 33 entries: 66 forward calls for the check below
    kink_net = network_at_kink(rng)
    at0, at1 = grads_ref(*kink_net, 0.0), grads_ref(*kink_net, 1.0)
    kink = Case(kink_net, "a batch with z1[0, 0] == 0 exactly (the kink); cache from your two_layer_forward",
                tuple(Bounds(np.minimum(a, b), np.maximum(a, b)) for a, b in zip(at0, at1)))
    twice = network(rng, 4, 3, 5, 2)
    once_case, twice_case = bcase("a batch of 4 samples", twice), bcase("the same batch, second backward on the same cache", twice, 2)

    def backward_check(check_id, cases, **options):
        return routed(values(check_id, "two_layer_backward", cases, bwd_style, **options), {"two_layer_backward": backward_helper})

    matches = against_own_forward("two_layer_backward/matches-forward", "two_layer_backward", "two_layer_forward",
                                  [bcase("a batch of 3 samples (D=2, H=4, C=3)", small)], bwd_style,
                                  forward_args=lambda dscores, X, W1, b1, W2, b2: (X, W1, b1, W2, b2), wrt=(0, 1, 2, 3, 4))
    matches = routed(matches, {"two_layer_backward": backward_helper})
    forward_calls = {i for i, c in enumerate(matches.calls) if c.func == "two_layer_forward"}
    matches = with_judge(matches, lambda inner: first_of_pair(inner, forward_calls, own=False))
    backward = Exercise("two_layer_backward", [
        backward_check("two_layer_backward/values", b_ord),
        backward_check("two_layer_backward/shapes", [b_ord[0],
                       bcase("one sample (N=1, D=3, H=2, C=4)", network(rng, 1, 3, 2, 4)),
                       bcase("one input feature and one class (N=3, D=1, H=5, C=1)", network(rng, 3, 1, 5, 1))]),
        backward_check("two_layer_backward/kink", [b_ord[0], kink], note=kink_note(grads_ref)),
        backward_check("two_layer_backward/inputs-unchanged", b_ord, unchanged=True),
        Check("two_layer_backward/cache-reused", routed(values("x", "two_layer_backward", [once_case, twice_case], bwd_style),
                                                        {"two_layer_backward": backward_helper}).calls,
              reused_cache(once_case, twice_case, bwd_style)),
        matches,
    ])

    # ── softmax_loss(scores, y) -> (loss, dscores) ───────────────────────────
    def scase(label, scores, y):
        return Case((scores, y), label, softmax_ref(scores, y))

    sm_style = Style(("scores", "y"), refs.formulas["softmax_ce"], SOURCE, elementwise=False, outputs=("loss", "dscores"),
                     mistakes=softmax_mistakes)
    s_ord = [scase("5 samples, 3 classes", probes.ordinary(rng, (5, 3)), labels(rng, 5, 3)),
             scase("4 samples, 6 classes", probes.ordinary(rng, (4, 6)), labels(rng, 4, 6))]

    def softmax_check(check_id, cases, **options):
        return with_judge(values(check_id, "softmax_loss", cases, sm_style, **options), loss_after_alias(cases))

    softmax = Exercise("softmax_loss", [
        softmax_check("softmax_loss/values", s_ord),
        softmax_check("softmax_loss/shapes", [s_ord[0], scase("one sample, 5 classes", probes.ordinary(rng, (1, 5)), labels(rng, 1, 5)),
                                              scase("6 samples, 2 classes", probes.ordinary(rng, (6, 2)), labels(rng, 6, 2))]),
        softmax_check("softmax_loss/large-scores", [s_ord[0], scase("scores near ±1000", large_scores(rng), labels(rng, 4, 3))],
                      forbid_warnings=UNSHIFTED, warning_advice=SHIFT_ADVICE),
        softmax_check("softmax_loss/inputs-unchanged", s_ord, unchanged=True, unchanged_advice=SCORES_COPY),
    ])

    # ── numerical_gradient(f, x, h=1e-5), through _probe_numerical_gradient(name, x) ──
    functions = {"exp": lambda x: np.sum(refs["probe_exp"](x)),
                 "cubic": lambda x: np.sum(refs["probe_cubic"](x)),
                 "coupled": lambda x: float(refs["probe_coupled"](x))}
    exact = {"exp": refs["probe_exp_grad"], "cubic": refs["probe_cubic_grad"], "coupled": refs["probe_coupled_grad"]}
    shown = {"exp": "f(x) = np.sum(np.exp(2 * x))", "cubic": "f(x) = np.sum(x ** 3)",
             "coupled": "f(x) = np.sum(x) ** 2 / 2 + np.sum(np.sin(x))"}

    def gcase(name, x, where):
        return Case((name, x), f"PROBES[{name!r}]: {shown[name]}, at {where}", exact[name](x))

    # Central differences at h = 1e-5 are within ~1e-9 of the exact gradient here; forward
    # differences are off by h * f''/2, at least ~1e-4 for these inputs: rtol/atol 1e-7 tell them apart.
    grad_style = Style(("f", "x"), "grad[i] = (f(x + h e_i) - f(x - h e_i)) / (2 * h), exact gradient from SymPy",
                       SOURCE, elementwise=False, mistakes=gradient_mistakes(functions), rtol=1e-7, atol=1e-7)
    # The shapes and x-restored checks are about shapes and about x: there any finite-difference
    # gradient is right enough (one-sided ones are within ~1e-4 here), so a forward difference
    # loses its points in /values and /central-differences only, and each check's message names
    # its own subject. Grossly wrong values (zeros, a factor 2) still fail every check.
    rough_style = dataclasses.replace(grad_style, rtol=ROUGH, atol=ROUGH)
    positive = lambda shape: np.round(rng.uniform(0.5, 1.5, size=shape), 2)
    g_ord = [gcase("cubic", probes.ordinary(rng, (3, 4)), "a random 3×4 x"),
             gcase("coupled", probes.ordinary(rng, (5,)), "a random 1-D x")]
    g_exp = gcase("exp", positive((2, 3)), "a 2×3 x in [0.5, 1.5], where f'' = 4 exp(2x) is large")

    def gradient_check(check_id, cases, style=grad_style, about="", **options):
        check = routed(values(check_id, "numerical_gradient", cases, style, **options), {"numerical_gradient": gradient_helper})
        return with_judge(check, lambda inner: stopped_at_values(inner, check_id, about)) if about else check

    gradient = Exercise("numerical_gradient", [
        gradient_check("numerical_gradient/values", g_ord),
        gradient_check("numerical_gradient/central-differences", [g_ord[0], g_exp]),
        gradient_check("numerical_gradient/shapes", [g_ord[1],
                       gcase("cubic", probes.ordinary(rng, (2, 2, 3)), "a 2×2×3 x"),
                       gcase("coupled", probes.ordinary(rng, (2, 3)), "a 2×3 x"),
                       gcase("exp", positive((1,)), "a one-entry x")], style=rough_style,
                       about="grad having x's shape for 1-D, 2-D and 3-D x"),
        gradient_check("numerical_gradient/x-restored", [g_exp, gcase("coupled", probes.ordinary(rng, (3, 3)), "a 3×3 x")],
                       style=rough_style, about="the caller's x coming back unchanged",
                       unchanged=True, unchanged_advice=MOVED_ADVICE),
    ])

    # ── rel_error(a, b) -> float ─────────────────────────────────────────────
    rel = refs["rel_error_entries"]

    def rcase(label, a, b):
        return Case((a, b), label, np.max(rel(np.asarray(a, dtype=float), np.asarray(b, dtype=float))))

    def nearby(shape, spread):
        a = probes.ordinary(rng, shape)
        return a, a * (1 + rng.uniform(-spread, spread, size=shape))

    rel_style = Style(("a", "b"), refs.formulas["rel_error_entries"], SOURCE, elementwise=False, mistakes=rel_mistakes)
    r_ord = [rcase("two nearby 3×4 arrays (about 1e-6 apart)", *nearby((3, 4), 1e-6)),
             rcase("two 1-D arrays, one entry of opposite sign", *(lambda a, b: (a, np.concatenate([b[:-1], -b[-1:]])))(*nearby((5,), 1e-3)))]
    zeros_a, zeros_b = nearby((2, 4), 1e-4)
    zeros_a[0, :2] = zeros_b[0, :2] = 0.0
    rel_error = Exercise("rel_error", [
        values("rel_error/values", "rel_error", r_ord, rel_style),
        values("rel_error/both-zero", "rel_error", [r_ord[0], rcase("arrays with entries where a == b == 0", zeros_a, zeros_b)],
               rel_style, forbid_warnings=LOUD, warning_advice="the floor np.maximum(1e-8, ...) keeps 0 / 0 away"),
        values("rel_error/scalars", "rel_error", [r_ord[0], rcase("two floats", 1.0, 1.0 + 1e-7), rcase("two float zeros", 0.0, 0.0),
                                                   rcase("two 0-d arrays", np.array(-2.5), np.array(-2.4))], rel_style),
        values("rel_error/inputs-unchanged", "rel_error", r_ord, rel_style, unchanged=True),
    ])
    return [forward, backward, softmax, gradient, rel_error]
