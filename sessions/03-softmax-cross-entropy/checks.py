"""Hidden tests for session 03: softmax, log-softmax, its Jacobian and the cross-entropy loss.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Each check mixes its special inputs with ordinary ones, so no constant answer earns a point.
The exercises demand the stable forms (their docstrings say so): logits up to ±1000 must give
exact, finite results with no overflow, invalid-value or log(0) warnings from NumPy.
"""

import numpy as np

from kit import feedback, probes
from kit.judges import Case, Style, values
from kit.spec import Exercise, Verdict

SOURCE = "sessions/03-softmax-cross-entropy/derivations.py"
LOUD = ("overflow", "invalid", "divide by zero")
STABLE_ADVICE = ("subtract each row's own max first, m = np.max(z, axis=1, keepdims=True): exp(z - m) <= 1 never "
                 "overflows and the shift cancels in the ratio (derivations.py proves it). One max for the whole "
                 "batch is not enough: a row far below it underflows to 0 / 0 (slides: 'log-sum-exp')")
LOG_ADVICE = ("stay in log space: log p = (z - m) - log(sum(exp(z - m), axis=1, keepdims=True)). np.log(softmax(z)) "
              "takes log(0) = -inf once a probability underflows to 0.0, though the true value (about -2000) is finite")
ROW_ADVICE = ("subtract the row's max first, z_row - np.max(z_row): exp of numbers <= 0 never overflows and the shift "
              "cancels in p = e / e.sum(); or reuse your stable softmax on z_row[None, :]")
COPY_ADVICE = ("`z -= m` (or `z[...] = ...`) writes into the caller's logits; use `shifted = z - m`, which builds a "
               "new array")


# ── helpers: plain NumPy, computed in the kit's process ───────────────────────
def logits(rng, shape):
    """Ordinary logits: uniform in ±3, two decimals."""
    return probes.ordinary(rng, shape)


def labels(rng, n, c):
    """Integer labels of shape (n,), every class possible."""
    return rng.integers(0, c, size=n)


def large_logits(rng, c=4):
    """Rows at very different scales: near +1000, near -1000, spanning ±1000, spread to ±900."""
    z = logits(rng, (4, c))
    z[0] += 1000.0                       # naive exp overflows: inf / inf
    z[1] -= 1000.0                       # a batch-wide max leaves this row 0 / 0
    z[2, :2] = [1000.0, -1000.0]         # p of the -1000 class underflows to 0: log(0)
    z[3] *= 300.0
    return np.round(rng.permuted(z, axis=1), 2)


def stable_exp(z, axis):
    with np.errstate(all="ignore"):
        return np.exp(z - np.max(z, axis=axis, keepdims=True))


def with_line(check, label, text):
    """Append one labelled line (`  ln C      ...`) to every failure message of `check`."""
    inner = check.judge

    def judge(outcomes):
        verdict = inner(outcomes)
        if not verdict.passed:
            verdict.message += f"\n  {label:<9} {text}"
        return verdict

    check.judge = judge
    return check


def quiet(check, cases, func, style, advice):
    """No overflow / invalid / log(0) warnings, judged before the values: the warning names the cause.

    An overflowing softmax returns nan, and the kit's value message cannot say why; NumPy's own
    warning ("overflow encountered in exp") does, so it is reported first.
    """
    inner = check.judge

    def judge(outcomes):
        for case, outcome in zip(cases, outcomes):
            said = [w for w in outcome.get("warnings", []) if any(k in w for k in LOUD)]
            if said:
                return Verdict(False, feedback.warned(exercise=func, case=case.label, names=style.names,
                                                      args=case.args, warnings=said, advice=advice))
        verdict = inner(outcomes)
        if not verdict.passed and "looks like" not in verdict.message:
            verdict.message += "\n  hint      " + advice
        return verdict

    check.judge = judge
    return check


def exercises(refs, rng):
    soft, logsoft, jac = refs["softmax"], refs["log_softmax"], refs["softmax_jacobian"]
    ce_loss, ce_dz = refs["cross_entropy_loss"], refs["cross_entropy_dz"]

    def one(f, label, *args):
        return Case(args, label, f(*args))

    # ── softmax(z) ───────────────────────────────────────────────────────────
    def softmax_mistakes(z):
        e = stable_exp(z, 1)
        found = [("normalised down the columns (axis=0) instead of along each row",
                  stable_exp(z, 0) / np.sum(stable_exp(z, 0), axis=0, keepdims=True),
                  "each row is one example: sum over its classes, np.sum(e, axis=1, keepdims=True)"),
                 ("one sum over the whole array (no axis)", e / np.sum(e),
                  "every row needs its own normaliser: axis=1, keepdims=True"),
                 ("z / sum(z): the exp is missing", z / np.sum(z, axis=1, keepdims=True),
                  "softmax exponentiates first: p = exp(z) / sum(exp(z))")]
        if z.ndim == 2 and z.shape[0] == z.shape[1]:
            found.insert(0, ("each row divided by another row's sum: .sum(axis=1) without keepdims=True",
                             e / np.sum(e, axis=1), "the (N,) row sums broadcast along the columns, so p[i, j] is "
                             "divided by row j's sum; keep keepdims=True (or write [:, None])"))
        return found

    s_style = Style(("z",), refs.formulas["softmax"], SOURCE, elementwise=False, mistakes=softmax_mistakes)
    s_ord = [one(soft, "a random (4, 5) batch", logits(rng, (4, 5))),
             one(soft, "a random (2, 3) batch", logits(rng, (2, 3)))]
    square = [one(soft, "a random square (3, 3) batch", logits(rng, (3, 3))),
              one(soft, "a random square (4, 4) batch", logits(rng, (4, 4)))]
    s_large = one(soft, "large logits (±1000, rows at different scales)", large_logits(rng))
    softmax_ex = Exercise("softmax", [
        values("softmax/ordinary", "softmax", s_ord, s_style),
        values("softmax/square-batch", "softmax", square, s_style),
        values("softmax/shapes", "softmax", [s_ord[1]] + [
            one(soft, f"a {d} batch", z) for d, z in [("one-row (1, 4)", logits(rng, (1, 4))),
                                                      ("one-class (5, 1)", logits(rng, (5, 1))),
                                                      ("two-class (6, 2)", logits(rng, (6, 2))),
                                                      ("all-equal (3, 4)", np.full((3, 4), 1.5))]], s_style),
        quiet(values("softmax/large-logits", "softmax", [s_ord[0], s_large], s_style), [s_ord[0], s_large],
              "softmax", s_style, STABLE_ADVICE),
        values("softmax/input-unchanged", "softmax", s_ord + square[:1], s_style, unchanged=True,
               unchanged_advice=COPY_ADVICE),
    ])

    # ── log_softmax(z) ───────────────────────────────────────────────────────
    def log_softmax_mistakes(z):
        m = np.max(z, axis=1, keepdims=True)
        with np.errstate(all="ignore"):
            lse_without_m = np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))
            cols = z - np.max(z, axis=0, keepdims=True) - np.log(np.sum(stable_exp(z, 0), axis=0, keepdims=True))
        return [("z - max(z): the log of the normaliser is missing", z - m,
                 "log p = (z - m) - log(sum(exp(z - m))): after the max, subtract the log of the row's sum"),
                ("logsumexp without adding back the max: z - log(sum(exp(z - m)))", z - lse_without_m,
                 "logsumexp(z) = m + log(sum(exp(z - m))): the m subtracted inside comes back outside"),
                ("the log-sum-exp taken down the columns (axis=0)", cols, "normalise each row: axis=1, keepdims=True"),
                ("softmax itself, not its log", soft(z), "take the log: log p = z - logsumexp(z)")]

    l_style = Style(("z",), refs.formulas["log_softmax"], SOURCE, elementwise=False, mistakes=log_softmax_mistakes)
    l_ord = [one(logsoft, "a random (4, 5) batch", logits(rng, (4, 5))),
             one(logsoft, "a random (3, 3) batch", logits(rng, (3, 3)))]
    l_large = one(logsoft, "large logits (±1000, rows at different scales)", large_logits(rng))
    log_softmax_ex = Exercise("log_softmax", [
        values("log_softmax/ordinary", "log_softmax", l_ord, l_style),
        values("log_softmax/shapes", "log_softmax", [l_ord[1]] + [
            one(logsoft, f"a {d} batch", z) for d, z in [("one-row (1, 6)", logits(rng, (1, 6))),
                                                         ("one-class (4, 1)", logits(rng, (4, 1))),
                                                         ("all-equal (2, 5)", np.full((2, 5), -0.75))]], l_style),
        quiet(values("log_softmax/large-logits", "log_softmax", [l_ord[0], l_large], l_style), [l_ord[0], l_large],
              "log_softmax", l_style, LOG_ADVICE),
        values("log_softmax/input-unchanged", "log_softmax", l_ord, l_style, unchanged=True,
               unchanged_advice=COPY_ADVICE),
    ])

    # ── softmax_jacobian(z_row) ──────────────────────────────────────────────
    def jacobian_mistakes(z_row):
        """softmax_jacobian is derive-it-yourself: the advice names the derivation's step, not the matrix."""
        p = soft(np.reshape(z_row, (1, -1)))[0]
        e = stable_exp(np.reshape(z_row, (1, -1)), 1)[0]
        step1, step2, step3 = ("derivations.py, step 1 (dS/dz_k)", "derivations.py, step 2 (the quotient rule)",
                               "derivations.py, step 3 (every e / S as a p)")
        return [("only the diagonal: each p_i differentiated as if it depended on z_i alone", np.diag(p * (1 - p)),
                 f"{step1}: the denominator S = sum_j exp(z_j) depends on every logit, so dp_i/dz_k is not 0 for k != i"),
                ("the quotient rule's second term is missing", np.diag(p),
                 f"{step2}: (e_i / S)' = (e_i' S - e_i S') / S**2 has a second term, -e_i S' / S**2, for every k"),
                ("only the quotient rule's second term: its first term is missing", -np.outer(p, p),
                 f"{step2}: the numerator e_i depends on z_k when k == i, which adds a term on the diagonal"),
                ("the first term counted for every k, not only for k == i", np.outer(p, 1 - p),
                 f"{step2}: d e_i / d z_k is e_i when k == i and 0 when k != i (a Kronecker delta, not 1)"),
                ("the right pattern on the diagonal only (an elementwise p * p, no off-diagonal terms)",
                 np.diag(p) - np.diag(p * p), f"{step1}: S depends on every z_k, so the off-diagonal entries are not 0"),
                ("p * p where the outer product is meant: np.diag(p) - p * p takes p_k**2 off every row",
                 np.diag(p) - p * p, f"{step2}: the second term -e_i e_k / S**2 depends on both i and k, so it is "
                 "an (n, n) matrix of products p_i p_k, not the vector p_k**2 broadcast down the rows"),
                ("exps not divided by S: the pattern built from e = exp(z - m) instead of p",
                 np.diag(e) - np.outer(e, e), f"{step3}: divide top and bottom by S**2; e_i / S is p_i")]

    j_style = Style(("z_row",), refs.formulas["softmax_jacobian"], SOURCE, elementwise=False, mistakes=jacobian_mistakes)
    j_ord = [one(jac, "a random row of 4 logits", logits(rng, (4,))),
             one(jac, "a random row of 3 logits", logits(rng, (3,)))]
    big_row = np.round(rng.permuted(np.concatenate([[1000.0, 999.5, -1000.0], logits(rng, (2,))])), 2)
    j_large = one(jac, "a row of large logits (±1000)", big_row)
    jacobian_ex = Exercise("softmax_jacobian", [
        values("softmax_jacobian/ordinary", "softmax_jacobian", j_ord, j_style),
        values("softmax_jacobian/shapes", "softmax_jacobian", [j_ord[1]] + [
            one(jac, f"a row of {d}", z) for d, z in [("2 logits", logits(rng, (2,))), ("1 logit", logits(rng, (1,))),
                                                      ("6 equal logits", np.full(6, 0.5))]], j_style),
        quiet(values("softmax_jacobian/large-logits", "softmax_jacobian", [j_ord[0], j_large], j_style),
              [j_ord[0], j_large], "softmax_jacobian", j_style, ROW_ADVICE),
        values("softmax_jacobian/input-unchanged", "softmax_jacobian", j_ord, j_style, unchanged=True,
               unchanged_advice=COPY_ADVICE),
    ])

    # ── cross_entropy_loss(z, y) → (loss, dz) ────────────────────────────────
    def ce(label, z, y):
        return Case((z, y), label, (ce_loss(z, y), ce_dz(z, y)))

    def ce_mistakes(z, y):
        n = z.shape[0]
        loss, dz, logp, p = ce_loss(z, y), ce_dz(z, y), logsoft(z), soft(z)
        # the dz-only mistake first: when only dz is wrong it is the better name
        return [("dz without the 1/N of the batch mean", (None, dz * n),
                 "loss = mean over N rows, so every row of dL/dz is (p - onehot(y)) / N"),
                ("the sum over the batch, not the mean", (loss * n, dz * n),
                 "the loss is the mean over the N rows: divide by N = z.shape[0], and dz carries the same 1/N"),
                ("logp[:, y]: an (N, N) block instead of one entry per row", (-np.mean(logp[:, y]), None),
                 "pick one entry per row: logp[np.arange(N), y] (or np.take_along_axis)"),
                ("the mean of -log p over all N * C entries, not only the true classes", (-np.mean(logp), None),
                 "only the true class of each row enters the loss: -log p[n, y[n]]"),
                ("dz = p / N: the -1 at each true class is missing", (None, p / n),
                 "d(-log p_y)/dz = p - onehot(y): subtract 1 at the true class of each row"),
                ("a base-2 log instead of the natural log", (loss / np.log(2), None),
                 "cross-entropy here uses np.log; at equal logits the loss must be ln C")]

    c_style = Style(("z", "y"), refs.formulas["cross_entropy_loss"] + ";  " + refs.formulas["cross_entropy_dz"],
                    SOURCE, elementwise=False, outputs=("loss", "dz"), mistakes=ce_mistakes)
    c_ord = [ce("a random (4, 3) batch", logits(rng, (4, 3)), labels(rng, 4, 3)),
             ce("a random (2, 5) batch", logits(rng, (2, 5)), labels(rng, 2, 5)),
             ce("a random (6, 4) batch, every class present", logits(rng, (6, 4)), rng.permutation([0, 1, 2, 3, 0, 3]))]
    equal = [ce("all-zero logits (5, 10): the initial loss", np.zeros((5, 10)), labels(rng, 5, 10)),
             ce("all-equal logits (3, 4)", np.full((3, 4), 2.5), labels(rng, 3, 4))]
    big = large_logits(rng, 3)
    big_y = np.array([0, 2, int(np.argmin(big[2])), 1])       # row 2: the class with logit -1000, confidently wrong
    c_large = ce("large logits (±1000), one confidently wrong row", big, big_y)
    ln_c = "with all logits equal, p = 1/C in every row: loss = ln C (ln 10 = 2.3026, ln 4 = 1.3863) and dz = (1/C - onehot(y)) / N"
    ce_ex = Exercise("cross_entropy_loss", [
        values("cross_entropy_loss/ordinary", "cross_entropy_loss", c_ord, c_style),
        with_line(values("cross_entropy_loss/equal-logits-ln-C", "cross_entropy_loss", equal + c_ord[:1], c_style),
                  "ln C", ln_c),
        values("cross_entropy_loss/shapes", "cross_entropy_loss", [c_ord[1]] + [
            ce(f"a {d} batch", z, y) for d, z, y in [
                ("one-row (1, 4)", logits(rng, (1, 4)), labels(rng, 1, 4)),
                ("two-class (7, 2)", logits(rng, (7, 2)), labels(rng, 7, 2)),
                ("(3, 6) with repeated labels", logits(rng, (3, 6)), np.full(3, 5))]], c_style),
        quiet(values("cross_entropy_loss/large-logits", "cross_entropy_loss", [c_ord[0], c_large], c_style),
              [c_ord[0], c_large], "cross_entropy_loss", c_style, LOG_ADVICE),
        values("cross_entropy_loss/inputs-unchanged", "cross_entropy_loss", c_ord, c_style, unchanged=True,
               unchanged_advice=COPY_ADVICE),
    ])
    return [softmax_ex, log_softmax_ex, jacobian_ex, ce_ex]
