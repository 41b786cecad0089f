"""Checks for session 03: softmax, log-softmax, its Jacobian and the cross-entropy loss.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Each check mixes its special inputs with ordinary ones, so no constant answer earns a point.
The exercises demand the stable forms (their docstrings say so): logits up to ±1000 must give
exact, finite results with no overflow, invalid-value or log(0) warnings from NumPy
(kit/kinds/stable_form.py judges those warnings before the values). The axis mistakes every
row-wise function invites come from kit/kinds/rowwise.py.
"""

import numpy as np

from kit.declare import Declare, unchanged, with_options
from kit.kinds.rowwise import axis_mistakes
from kit.kinds.stable_form import stable_form
from kit.probes import ordinary as logits

STABLE_ADVICE = ("subtract each row's own max first, m = np.max(z, axis=1, keepdims=True): exp(z - m) <= 1 never "
                 "overflows and the shift cancels in the ratio (derivations.py proves it). One max for the whole "
                 "batch is not enough: a row far below it underflows to 0 / 0 (slides: 'log-sum-exp')")
LOG_ADVICE = ("stay in log space: log p = (z - m) - log(sum(exp(z - m), axis=1, keepdims=True)). np.log(softmax(z)) "
              "takes log(0) = -inf once a probability underflows to 0.0, though the true value (about -2000) is finite")
ROW_ADVICE = ("subtract the row's max first, z_row - np.max(z_row): exp of numbers <= 0 never overflows and the shift "
              "cancels in p = e / e.sum(); or reuse your stable softmax on z_row[None, :]")
COPY_ADVICE = "`z -= m` (or `z[...] = ...`) writes into the caller's logits; use `shifted = z - m`, a new array"
LN_C = ("ln C", "with all logits equal, p = 1/C in every row: loss = ln C (ln 10 = 2.3026, ln 4 = 1.3863) and "
                "dz = (1/C - onehot(y)) / N")
STEP = {n: f"derivations.py, step {n} ({what})" for n, what in enumerate(
    ("dS/dz_k", "the quotient rule", "every e / S as a p"), start=1)}


def large_logits(rng, c=4):
    """Rows at very different scales: row 0 near +1000 (a naive exp overflows: inf / inf), row 1 near -1000
    (a batch-wide max leaves it 0 / 0), row 2 spanning ±1000 (the -1000 class's p underflows to 0: log(0)),
    row 3 spread to ±900; the columns shuffled within each row."""
    z = logits(rng, (4, c)) + np.array([[1000.0], [-1000.0], [0.0], [0.0]])
    z[2, :2], z[3] = [1000.0, -1000.0], 300.0 * z[3]
    return np.round(rng.permuted(z, axis=1), 2)


def batches(rng, *specs, labelled=False):
    """(label, z) per (words, shape), z ordinary: ("a one-row (1, 4) batch", z), or per (label, z) as given;
    labelled: (label, (z, y)) with labels y drawn at random, every class possible."""
    made = [(w, z) if isinstance(z, np.ndarray) else (f"a {w} {z} batch", logits(rng, z)) for w, z in specs]
    return [(w, (z, rng.integers(0, z.shape[1], size=len(z)))) for w, z in made] if labelled else made


def normalised(z, axis, keepdims=True, log=False):
    """The stable softmax (with log: log-softmax) along `axis`, None for the whole array; `keepdims` for its
    normaliser only, as a learner who forgets it writes. For the known mistakes (kit/kinds/rowwise.py)."""
    with np.errstate(all="ignore"):
        shifted = z - np.max(z, axis=axis, keepdims=True)
        total = np.sum(np.exp(shifted), axis=axis, keepdims=keepdims)
        return shifted - np.log(total) if log else np.exp(shifted) / total


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/03-softmax-cross-entropy/derivations.py")
    large = ("large logits (±1000, rows at different scales)", large_logits(rng))

    # ── softmax(z) ───────────────────────────────────────────────────────────
    style = d.style("softmax", ("z",), elementwise=False, mistakes=lambda z: axis_mistakes(normalised, z) + [
        ("z / sum(z): the exp is missing", z / np.sum(z, axis=1, keepdims=True),
         "softmax exponentiates first: p = exp(z) / sum(exp(z))")])
    batch = d.cases("softmax", *batches(rng, ("random", (4, 5)), ("random", (2, 3))), large)   # 2 ordinary, 1 large
    square = d.cases("softmax", *batches(rng, ("random square", (3, 3)), ("random square", (4, 4))))
    softmax = d.exercise("softmax", style, {
        "ordinary": batch[:2], "square-batch": square,
        "shapes": batch[1:2] + d.cases("softmax", *batches(rng, ("one-row", (1, 4)), ("one-class", (5, 1)), (
            "two-class", (6, 2))), ("an all-equal (3, 4) batch", np.full((3, 4), 1.5))),
        "large-logits": stable_form("softmax/large-logits", batch[::2], style, STABLE_ADVICE),
        "input-unchanged": unchanged(batch[:2] + square[:1], COPY_ADVICE)})

    # ── log_softmax(z) ───────────────────────────────────────────────────────
    def log_softmax_mistakes(z):
        return axis_mistakes(lambda z, axis, keepdims: normalised(z, axis, keepdims, log=True), z) + [
            ("z - max(z): the log of the normaliser is missing", z - (m := np.max(z, axis=1, keepdims=True)),
             "log p = (z - m) - log(sum(exp(z - m))): after the max, subtract the log of the row's sum"),
            ("logsumexp without adding back the max: z - log(sum(exp(z - m)))", normalised(z, 1, log=True) + m,
             "logsumexp(z) = m + log(sum(exp(z - m))): the m subtracted inside comes back outside"),
            ("softmax itself, not its log", refs["softmax"](z), "take the log: log p = z - logsumexp(z)")]

    style = d.style("log_softmax", ("z",), elementwise=False, mistakes=log_softmax_mistakes)
    batch = d.cases("log_softmax", *batches(rng, ("random", (4, 5)), ("random", (3, 3))), large)   # 2 ordinary, 1 large
    log_softmax = d.exercise("log_softmax", style, {
        "ordinary": batch[:2],
        "shapes": batch[1:2] + d.cases("log_softmax", *batches(rng, ("one-row", (1, 6)), ("one-class", (4, 1))),
                                       ("an all-equal (2, 5) batch", np.full((2, 5), -0.75))),
        "large-logits": stable_form("log_softmax/large-logits", batch[::2], style, LOG_ADVICE),
        "input-unchanged": unchanged(batch[:2], COPY_ADVICE)})

    # ── softmax_jacobian(z_row): derive it yourself, so the advice names the derivation's step ─────────────
    def jacobian_mistakes(z_row):
        e, p = np.exp(z_row - np.max(z_row)), normalised(z_row, None)
        return [("only the diagonal: each p_i differentiated as if it depended on z_i alone", np.diag(p * (1 - p)),
                 f"{STEP[1]}: the denominator S = sum_j exp(z_j) depends on every logit, so dp_i/dz_k != 0 for k != i"),
                ("the quotient rule's second term is missing", np.diag(p),
                 f"{STEP[2]}: (e_i / S)' = (e_i' S - e_i S') / S**2 has a second term, -e_i S' / S**2, for every k"),
                ("only the quotient rule's second term: its first term is missing", -np.outer(p, p),
                 f"{STEP[2]}: the numerator e_i depends on z_k when k == i, which adds a term on the diagonal"),
                ("the first term counted for every k, not only for k == i", np.outer(p, 1 - p),
                 f"{STEP[2]}: d e_i / d z_k is e_i when k == i and 0 when k != i (a Kronecker delta, not 1)"),
                ("p * p where the outer product is meant: np.diag(p) - p * p takes p_k**2 off every row",
                 np.diag(p) - p * p, f"{STEP[2]}: the second term -e_i e_k / S**2 depends on both i and k, so it is "
                 "an (n, n) matrix of products p_i p_k, not the vector p_k**2 broadcast down the rows"),
                ("exps not divided by S: the pattern built from e = exp(z - m) instead of p",
                 np.diag(e) - np.outer(e, e), f"{STEP[3]}: divide top and bottom by S**2; e_i / S is p_i")]

    style = d.style("softmax_jacobian", ("z_row",), elementwise=False, mistakes=jacobian_mistakes)
    row = d.cases("softmax_jacobian", *[(f"a random row of {n} logits", logits(rng, (n,))) for n in (4, 3)], (
        "a row of large logits (±1000)", np.round(rng.permuted([1000.0, 999.5, -1000.0, *logits(rng, (2,))]), 2)))
    jacobian = d.exercise("softmax_jacobian", style, {
        "ordinary": row[:2],
        "shapes": row[1:2] + d.cases("softmax_jacobian", ("a row of 2 logits", logits(rng, (2,))), (
            "a row of 1 logit", logits(rng, (1,))), ("a row of 6 equal logits", np.full(6, 0.5))),
        "large-logits": stable_form("softmax_jacobian/large-logits", row[::2], style, ROW_ADVICE),
        "input-unchanged": unchanged(row[:2], COPY_ADVICE)})

    # ── cross_entropy_loss(z, y) → (loss, dz) ────────────────────────────────
    def ce_mistakes(z, y):
        n, logp, (loss, dz) = len(z), refs["log_softmax"](z), d.expected(ce, (z, y))
        return [("dz without the 1/N of the batch mean", (None, dz * n),  # dz-only first: the better name then
                 "loss = mean over N rows, so every row of dL/dz is (p - onehot(y)) / N"),
                ("the sum over the batch, not the mean", (loss * n, dz * n),
                 "the loss is the mean over the N rows: divide by N = z.shape[0], and dz carries the same 1/N"),
                ("logp[:, y]: an (N, N) block instead of one entry per row", (-np.mean(logp[:, y]), None),
                 "pick one entry per row: logp[np.arange(N), y] (or np.take_along_axis)"),
                ("the mean of -log p over all N * C entries, not only the true classes", (-np.mean(logp), None),
                 "only the true class of each row enters the loss: -log p[n, y[n]]"),
                ("dz = p / N: the -1 at each true class is missing", (None, np.exp(logp) / n),
                 "d(-log p_y)/dz = p - onehot(y): subtract 1 at the true class of each row"),
                ("a base-2 log instead of the natural log", (loss / np.log(2), None),
                 "cross-entropy here uses np.log; at equal logits the loss must be ln C")]

    ce = ("cross_entropy_loss", "cross_entropy_dz")
    style = d.style(ce, ("z", "y"), elementwise=False, outputs=("loss", "dz"), mistakes=ce_mistakes)
    big = large_logits(rng, 3)      # row 2's true class has logit -1000: confidently wrong
    batch = d.cases(ce, *batches(rng, ("random", (4, 3)), ("random", (2, 5)), labelled=True), (
        "a random (6, 4) batch, every class present", (logits(rng, (6, 4)), rng.permutation([0, 1, 2, 3, 0, 3]))), (
        "large logits (±1000), one confidently wrong row", (big, np.array([0, 2, np.argmin(big[2]), 1]))))
    loss = d.exercise("cross_entropy_loss", style, {
        "ordinary": batch[:3],
        "equal-logits-ln-C": with_options(d.cases(ce, *batches(rng, ("all-zero logits (5, 10): the initial loss", (
            np.zeros((5, 10)))), ("all-equal logits (3, 4)", np.full((3, 4), 2.5)), labelled=True)) + batch[:1],
                                          line=LN_C),
        "shapes": batch[1:2] + d.cases(ce, *batches(rng, ("one-row", (1, 4)), ("two-class", (7, 2)), labelled=True),
                                       ("a (3, 6) batch with repeated labels", (logits(rng, (3, 6)), np.full(3, 5)))),
        "large-logits": stable_form("cross_entropy_loss/large-logits", batch[::3], style, LOG_ADVICE),
        "inputs-unchanged": unchanged(batch[:3], COPY_ADVICE)})
    return [softmax, log_softmax, jacobian, loss]
