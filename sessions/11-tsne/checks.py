"""Checks for session 11: squared distances, conditional affinities, the perplexity search, the joint P,
the Student-t Q, the KL divergence, its gradient and one step of gradient descent.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Inputs are tiny (at most 10 points) so every plan is cheap. The perplexity search is judged on an
interval: every beta whose entropy is within tol of log(perplexity) is right (kit.derive.Bounds),
and a perplexity of N - 1 or more must raise (kit/kinds/refuses.py). The probes that exist for a
case always hold it: the round-off probe is redrawn until the expanded form really goes negative,
the large-precision probe makes every row's exp underflow. The row-wise axis mistakes come from
kit/kinds/rowwise.py; the gradient is also compared with the learner's own kl_divergence.
"""

import numpy as np

from kit import compare, probes
from kit.declare import Declare, against_forward, unchanged, with_options
from kit.derive import Bounds
from kit.judges import Case
from kit.kinds.refuses import refuses
from kit.kinds.rowwise import axis_mistakes
from kit.kinds.stable_form import stable_form

STABLE = ("subtract row i's smallest OFF-diagonal distance before the exp: exp(-beta * (D - m)) puts the nearest "
          "neighbour at exp(0) = 1, and the shift cancels in the ratio (derivations.py). The diagonal's 0 is not "
          "the row's minimum: put +inf on the diagonal first (exp(-inf) = 0, no overflow), then take each row's min")
CLIP = ("the expanded form ||x_i||**2 + ||x_j||**2 - 2 x_i . x_j subtracts large, nearly equal numbers: "
        "clip with np.maximum(D, 0) and set the diagonal to 0 (or use the sum of squared differences)")
COPY = "an in-place operation (-=, +=, fill_diagonal on an input) changed the caller's array: compute into a new one"
STEP = "derivations.py, gradient step "


def negative(case, outcome):
    """A squared distance below 0 (or a nonzero diagonal) is round-off the docstring asks to clip."""
    got = compare.received(outcome["value"])[0]
    if got is None or got.ndim != 2 or got.shape[0] != got.shape[1]:
        return ""
    if np.any(got < 0) or np.any(np.diag(got) != 0):
        return "negative squared distances (or a nonzero diagonal) from round-off: " + CLIP
    return ""


def far_duplicates(rng, refs):
    """Points about 1e4 from the origin, three of them duplicated: redrawn until the unclipped expanded
    form really gives a negative entry, so the case holds on every seed."""
    for _ in range(100):
        X = 1e4 + probes.ordinary(rng, (6, 3))
        X[3:] = X[:3][::-1]
        sq = np.sum(X**2, axis=1)
        if np.min(sq[:, None] + sq[None, :] - 2 * X @ X.T) < -1e-9:
            break
    ref, tol = refs["squared_distances"](X), 1e-14 * np.max(np.sum(X**2, axis=1))
    return X, Bounds(np.maximum(ref - tol, 0.0), np.where(ref > 0, ref + tol, 0.0))


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/11-tsne/derivations.py")
    sqd, cond, joint, student = (refs[n] for n in ("squared_distances", "conditional_affinities",
                                                   "joint_probabilities", "student_t_affinities"))
    pts = lambda n, dims=3: probes.ordinary(rng, (n, dims), scale=2.0)  # noqa: E731
    betas = lambda n: np.round(rng.uniform(0.2, 2.0, size=n), 2)  # noqa: E731

    # ── squared_distances(X) ─────────────────────────────────────────────────
    def sqd_mistakes(X):
        X = np.asarray(X, dtype=float)
        sq = np.sum(X**2, axis=1)
        return [("the expanded form without clipping", sq[:, None] + sq[None, :] - 2 * X @ X.T, CLIP),
                ("the distances, not squared", np.sqrt(sqd(X)), "D[i, j] is ||x_i - x_j||**2: no square root"),
                ("the expanded form with + 2 x_i . x_j", sq[:, None] + sq[None, :] + 2 * X @ X.T,
                 "||a - b||**2 = ||a||**2 + ||b||**2 - 2 a . b")]

    sqd_style = d.style("squared_distances", ("X",), elementwise=False, mistakes=sqd_mistakes, atol=1e-12)
    s_ord = d.cases("squared_distances", ("6 points in 3-D", pts(6)), ("5 points in 4-D", pts(5, 4)))
    far, far_bounds = far_duplicates(rng, refs)
    distances = d.exercise("squared_distances", sqd_style, {
        "values": s_ord,
        "round-off": with_options(s_ord[:1] + [Case((far,), "6 points near 1e4, 3 of them duplicated", far_bounds)],
                                  explain=negative),
        "shapes": s_ord[:1] + d.cases("squared_distances", ("one point", pts(1)), ("8 points in 1-D", pts(8, 1)),
                                      ("integer points", probes.integers(rng, (5, 2)))),
        "input-unchanged": unchanged(s_ord, COPY)})

    # ── conditional_affinities(D, beta) ──────────────────────────────────────
    def along(D, B, axis, keepdims=True):
        """exp(-B * D) off the diagonal (the row's nearest distance subtracted), normalised along `axis`."""
        shifted = D + np.diag(np.full(len(D), np.inf))
        e = np.exp(-B * (shifted - np.min(shifted, axis=1, keepdims=True)))
        return e / np.sum(e, axis=axis, keepdims=keepdims)

    def cond_mistakes(D, beta):
        rows, self_in = beta[:, None] * np.ones_like(D), np.exp(-beta[:, None] * D)
        return axis_mistakes(lambda _, axis, keepdims: along(D, rows, axis, keepdims), D) + [
            ("beta[j] of the neighbour used, not beta[i] of the row", along(D, beta[None, :], 1),
             "row i uses its own precision: -beta[:, None] * D (beta * D broadcasts beta along each row)"),
            ("the diagonal counted in the normaliser (exp(0) = 1 for j = i)",
             (self_in - np.diag(np.diag(self_in))) / self_in.sum(axis=1, keepdims=True),
             "p(j | i) sums over the neighbours k != i only, and P[i, i] = 0"),
            ("exp(-beta * D / 2): beta read as 1 / sigma**2", cond(D, beta / 2), "exp(-beta[i] * D[i, j]) as it is: "
             "beta = 1 / (2 sigma**2) already holds the 2"),
            ("exp(+beta * D): the minus sign is missing", cond(D, -beta), "far points get SMALL affinities: exp(-beta * D)")]

    cond_style = d.style("conditional_affinities", ("D", "beta"), elementwise=False, mistakes=cond_mistakes)
    c_ord = d.cases("conditional_affinities", *[(f"{n} points, precisions in [0.2, 2]", (sqd(pts(n)), betas(n)))
                                                for n in (6, 5)])
    Dl = sqd(pts(5))
    large = d.case("conditional_affinities", "5 points, beta * D > 800 for every pair (a plain exp underflows to 0)",
                   Dl, np.round(800.0 / np.min(Dl + np.diag(np.full(5, np.inf)), axis=1), 1) + 1.0)
    conditional = d.exercise("conditional_affinities", cond_style, {
        "values": c_ord,
        "large-precision": stable_form("conditional_affinities/large-precision", c_ord[:1] + [large], cond_style, STABLE),
        "shapes": c_ord[:1] + d.cases("conditional_affinities", ("2 points", (sqd(pts(2)), betas(2))),
                                      ("integer distances", (sqd(probes.integers(rng, (5, 2))).astype(int), betas(5)))),
        "inputs-unchanged": unchanged(c_ord, COPY)})

    # ── perplexity_search(D, perplexity): any beta within tol of the target entropy ────
    def search_mistakes(D, perp):
        beta_for = lambda D, p: np.mean(refs["perplexity_bounds"](D, p), axis=0)  # noqa: E731
        return [("an entropy in nats compared with log2(perplexity)", beta_for(D, np.exp(np.log2(perp))),
                 "H = -sum p log p with np.log is in nats: compare it with np.log(perplexity)"),
                ("an entropy in bits compared with log(perplexity)", beta_for(D, perp ** np.log(2)),
                 "with np.log2 the entropy is in bits: compare with np.log2(perplexity), or use np.log for both")]

    bounds = lambda D, perp: Bounds(*refs["perplexity_bounds"](D, perp))  # noqa: E731
    search_style = d.style("perplexity_bounds", ("D", "perplexity"), elementwise=False, mistakes=search_mistakes,
                           rtol=1e-3, atol=1e-9)
    p_ord = d.cases(bounds, ("8 points, perplexity 3", (sqd(pts(8)), 3.0)), ("10 points, perplexity 5", (sqd(pts(10)), 5.0)))
    D6 = sqd(pts(6))
    search = d.exercise("perplexity_search", search_style, {
        "values": p_ord,
        "scaled-distances": p_ord[:1] + d.cases(bounds, ("distances x 1000 (beta far below 1)", (1000 * D6, 2.5)),
                                                ("distances x 0.001 (beta far above 1)", (D6 / 1000, 2.5))),
        "bad-perplexity": refuses("perplexity_search/bad-perplexity", p_ord[:1], [
            Case((D6[:5, :5], p), f"5 points, perplexity {p:g} {why}", None) for p, why in
            ((4.0, "= N - 1"), (7.5, "> N - 1"), (1.0, "(entropy 0)"))], search_style,
            why="a row's perplexity is at most N - 1 (uniform, beta = 0) and above 1"),
        "input-unchanged": unchanged(p_ord, COPY)})

    # ── joint_probabilities(P_cond) ──────────────────────────────────────────
    def joint_mistakes(Pc):
        n = len(Pc)
        return [("(P_cond + P_cond.T) / 2: the N of the 2N is missing", (Pc + Pc.T) / 2, "each row of P_cond sums to "
                 "1, so P_cond + P_cond.T sums to 2N: divide by 2 * N for a P that sums to 1"),
                ("(P_cond + P_cond.T) / N: the 2 of the 2N is missing", (Pc + Pc.T) / n, "the sum of P_cond + P_cond.T "
                 "is 2N, not N"),
                ("P_cond / N without symmetrising", Pc / n, "t-SNE's P is symmetric: average p(j | i) and p(i | j)")]

    joint_style = d.style("joint_probabilities", ("P_cond",), elementwise=False, mistakes=joint_mistakes)
    j_ord = d.cases("joint_probabilities", *[(f"P_cond of {n} points", cond(sqd(pts(n)), betas(n))) for n in (6, 4)])
    joint_ex = d.exercise("joint_probabilities", joint_style, {
        "values": j_ord,
        "shapes": j_ord[:1] + d.cases("joint_probabilities", ("P_cond of 2 points", cond(sqd(pts(2)), betas(2))),
                                      ("P_cond of 9 points", cond(sqd(pts(9)), betas(9)))),
        "input-unchanged": unchanged(j_ord, COPY)})

    # ── student_t_affinities(Y) ──────────────────────────────────────────────
    def q_along(Y, axis, keepdims=True):
        w = 1 / (1 + sqd(Y)) - np.eye(len(Y))
        return w / np.sum(w, axis=axis, keepdims=keepdims)

    def q_mistakes(Y):
        w_all = 1 / (1 + sqd(Y))
        w_root = 1 / (1 + np.sqrt(sqd(Y))) - np.eye(len(Y))
        g = np.exp(-sqd(Y)) - np.eye(len(Y))
        return [("Q normalised per row (each row sums to 1)", q_along(Y, 1), "t-SNE's Q is a joint distribution over "
                 "all pairs: divide w by w.sum(), one number, not by each row's sum"),
                ("the diagonal not zeroed (w[i, i] = 1 kept)", w_all / w_all.sum(), "no point is its own neighbour: "
             "set w[i, i] = 0 before normalising (np.fill_diagonal(w, 0))"),
            ("1 / (1 + ||y_i - y_j||): the distance not squared", w_root / w_root.sum(),
             "the Student-t kernel is (1 + ||y_i - y_j||**2)**-1"),
            ("a Gaussian kernel exp(-||y_i - y_j||**2)", g / g.sum(), "the embedding uses the heavy-tailed Student-t "
             "kernel, 1 / (1 + ||y_i - y_j||**2), not the Gaussian of the data space")]

    q_style = d.style("student_t_affinities", ("Y",), elementwise=False, mistakes=q_mistakes)
    q_ord = d.cases("student_t_affinities", ("an embedding of 6 points", pts(6, 2)), ("of 5 points", pts(5, 2)))
    coincide = pts(4, 2)
    coincide[3] = coincide[0]
    q_ex = d.exercise("student_t_affinities", q_style, {
        "values": q_ord,
        "shapes": q_ord[:1] + d.cases("student_t_affinities", ("an embedding of 2 points", pts(2, 2)),
                                      ("4 points, two at the same place", coincide),
                                      ("integer coordinates", probes.integers(rng, (5, 2)))),
        "input-unchanged": unchanged(q_ord, COPY)})

    # ── kl_divergence(P, Y) and tsne_gradient(P, Y) ──────────────────────────
    def problem(n):
        """(P, Y): the joint P of n random points (perplexity-free precisions) and a random embedding."""
        return joint(cond(sqd(pts(n)), betas(n))), pts(n, 2)

    sparse_P, sparse_Y = problem(6)
    sparse_P[np.ix_([0, 1], [4, 5])] = sparse_P[np.ix_([4, 5], [0, 1])] = 0.0
    sparse = ("6 points, 8 pairs with p_ij = 0", (sparse_P / sparse_P.sum(), sparse_Y))
    kl, grad = refs["kl_divergence"], refs["tsne_gradient"]

    def kl_mistakes(P, Y):
        Q, off = student(Y), P > 0
        Qr = q_along(Y, 1)
        return [("Q normalised per row", np.sum(P[off] * np.log(P[off] / Qr[off])),
                 "q_ij = w_ij / sum over ALL pairs k != l of w_kl: one normaliser, as student_t_affinities returns"),
                ("KL(Q || P), the arguments swapped", np.sum(Q[off] * np.log(Q[off] / P[off])),
                 "t-SNE's cost is KL(P || Q) = sum P * log(P / Q): P weights the terms"),
                ("a base-2 log (bits)", kl(P, Y) / np.log(2), "the cost is in nats: np.log")]

    kl_style = d.style("kl_divergence", ("P", "Y"), elementwise=False, mistakes=kl_mistakes)
    k_ord = d.cases("kl_divergence", ("6 points", problem(6)), ("5 points", problem(5)))
    kl_ex = d.exercise("kl_divergence", kl_style, {
        "values": k_ord,
        "zero-affinities": with_options(k_ord[:1] + d.cases("kl_divergence", sparse), line=(
            "note", "a pair with P[i, j] = 0 adds 0 (0 * log 0 = 0): sum only where P > 0, or the diagonal and "
                    "those pairs give 0 * log(0) = nan")),
        "inputs-unchanged": unchanged(k_ord, COPY)})

    def grad_mistakes(P, Y):
        w = 1 / (1 + sqd(Y)) - np.eye(len(Y))
        forces = lambda M: 4 * (np.sum(M, axis=1)[:, None] * Y - M @ Y)  # noqa: E731
        return [("dY / 4: the factor 4 is missing", grad(P, Y) / 4, STEP + "2: d(-log w_ij)/dy_i = 2 w_ij (y_i - y_j), "
                 "and each pair appears twice in the sum (as ij and as ji): 2 * 2 = 4"),
                ("dY / 2: half the factor 4", grad(P, Y) / 2, STEP + "2: the pair (i, j) appears twice, ij and ji, "
                 "and each term brings a 2 from d||y_i - y_j||**2 / dy_i"),
                ("the sign flipped: -dC/dY", -grad(P, Y), STEP + "4: dC/dy_i = 4 sum_j (p_ij - q_ij) w_ij (y_i - y_j); "
                 "a step goes AGAINST it"),
                ("Q normalised per row", forces((P - w / w.sum(1, keepdims=True)) * w), STEP + "3: Z sums w over all "
                 "pairs, so q_ij = w_ij / Z, one normaliser"),
                ("the kernel factor w_ij missing", forces(P - w / w.sum()), STEP + "2: d(-log w_ij)/dy_i brings a "
                 "w_ij = 1 / (1 + ||y_i - y_j||**2) into every term"),
                ("Q's diagonal not zeroed", forces((P - (w + np.eye(len(Y))) / (w.sum() + len(Y))) * w),
                 STEP + "3: Z sums over pairs k != l only")]

    g_style = d.style("tsne_gradient", ("P", "Y"), elementwise=False, mistakes=grad_mistakes, rtol=1e-6, atol=1e-9)
    g_ord = d.cases("tsne_gradient", ("6 points", problem(6)), ("5 points", problem(5)))
    gradient = d.exercise("tsne_gradient", g_style, {
        "values": g_ord,
        "own-kl": against_forward("kl_divergence", g_ord, forward_args=lambda P, Y: (P, Y), wrt=(1,),
                                  dout_of=lambda *_: 1.0),
        "special-inputs": g_ord[:1] + d.cases("tsne_gradient", ("2 points", problem(2)), sparse,
                                              ("integer coordinates", (problem(5)[0], probes.integers(rng, (5, 2))))),
        "inputs-unchanged": unchanged(g_ord, COPY)})

    # ── tsne_step(P, Y, update, lr, momentum) ────────────────────────────────
    def step_mistakes(P, Y, update, lr, momentum):
        g = grad(P, Y)
        return [("a step up the gradient: + lr * dY", (Y + momentum * update + lr * g, momentum * update + lr * g),
                 "gradient DESCENT: new_update = momentum * update - lr * dY"),
                ("Y moved by the old update", (Y + update, None), "Y_new = Y + new_update, the update just computed"),
                ("the momentum left out", (Y - lr * g, -lr * g), "new_update = momentum * update - lr * dY")]

    st_style = d.style("tsne_step", ("P", "Y", "update", "lr", "momentum"), elementwise=False,
                       outputs=("Y_new", "new_update"), mistakes=step_mistakes)
    st_args = lambda n, lr, mom, first=False: (*problem(n), np.zeros((n, 2)) if first else pts(n, 2) / 10, lr, mom)  # noqa: E731
    t_ord = d.cases("tsne_step", ("6 points, lr 10, momentum 0.5", st_args(6, 10.0, 0.5)),
                    ("5 points, lr 50, momentum 0.8", st_args(5, 50.0, 0.8)))
    step = d.exercise("tsne_step", st_style, {
        "values": t_ord,
        "first-step": t_ord[:1] + d.cases("tsne_step", ("the first step: update all zeros", st_args(6, 100.0, 0.5, True)),
                                          ("momentum 0", st_args(4, 20.0, 0.0))),
        "inputs-unchanged": unchanged(t_ord, COPY + " (Y += new_update moves the caller's embedding)")})
    return [distances, conditional, search, joint_ex, q_ex, kl_ex, gradient, step]
