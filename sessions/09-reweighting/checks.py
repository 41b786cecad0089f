"""Checks for session 09: weighted least squares, the weighted cross-entropy and its gradient, density-ratio
weights, Kish's effective sample size, and raking to two margins.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Probes are small tables of users (a dozen to 48 rows) drawn from the seed. Where conventions part, the
probe is built so the case always occurs: weights never sum to N (normalising by N shows), weights of
2 and 3 (applying sqrt(w) twice shows; weights in {0, 1} would hide it), pools with n_source != n_target
(a missing prior factor shows), an X with a column of ones (an added intercept shows as a wrong shape).
Bad input whose documented answer is a ValueError is judged by kit.kinds.refuses; raking is judged
as an iterative solver by kit.kinds.iterative, and along its documented path of sweeps.
"""

import numpy as np

from kit import compare
from kit.declare import Declare, against_forward, unchanged, with_options
from kit.judges import Case
from kit.kinds.iterative import Solver, converges
from kit.kinds.refuses import refuses
from kit.kinds.stable_form import stable_form

DUPLICATES = "an integer weight k is the row written k times: (X.T @ W @ X) theta = X.T @ W @ y counts it k times"
SQRT_ONCE = "scale each row of X and y by sqrt(w) ONCE (lstsq(sqrt(w)[:, None] * X, sqrt(w) * y)), or use W itself once"
BY_TOTAL = "divide by the total weight sum(weights), not by N: then scaling every weight by c changes nothing"
STEP = "derivations.py, section {}, step {}: "
STABLE = "use l = np.logaddexp(0, z) - y * z and p = np.exp(-np.logaddexp(0, -z)): no exp of a large positive number"
COPY = "build new arrays (w = np.array(weights, dtype=float) copies); the caller still needs its inputs"


def margin_gap(weights, region, age_band, region_totals, age_totals):
    """How far weights are from meeting both margins: the largest |weighted count - target| of any category.
    The kit's own measure of the problem's constraints, computed on the learner's weights."""
    return max(np.max(np.abs(np.bincount(codes, weights=weights, minlength=len(totals)) - totals))
               for codes, totals in ((region, region_totals), (age_band, age_totals)))


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/09-reweighting/derivations.py")
    wls, ce, grad, ratio, rake = (refs[n] for n in ("weighted_least_squares", "weighted_cross_entropy",
                                                    "weighted_cross_entropy_grad", "density_ratio_weights", "rake"))
    r2 = lambda a: np.round(a, 2)  # noqa: E731
    weights = lambda n, lo=0.2, hi=4.0: r2(rng.uniform(lo, hi, n))  # noqa: E731   mean 2.1: never sums to N
    table = lambda n, dim, ones=False: r2(np.column_stack([np.ones(n)] * ones + [rng.normal(0, 2, (n, dim - ones))]))  # noqa: E731
    integer_w = lambda n: rng.permutation(np.resize([0, 1, 2, 3, 1, 2], n))  # noqa: E731   always 0s, 2s and 3s

    def repeated(f):
        """f's expected value on integer weights: f on the table with every row written weights[n] times, weights 1."""
        def on_rows(*args):
            *data, w = args
            rows = [np.repeat(a, w, axis=0) if np.ndim(a) and len(a) == len(w) else a for a in data]
            return f(*rows, np.ones(int(w.sum())))
        return on_rows

    # ── weighted_least_squares(X, y, weights) ─────────────────────────────────────────────────────
    def wls_problem(n, dim, ones=False, w=None):
        X = table(n, dim, ones)
        return X, r2(X @ rng.normal(0, 2, dim) + rng.normal(0, 1.5, n)), weights(n) if w is None else w

    def intercept(case, outcome):
        got = compare.received(outcome["value"])[0]
        return ("an intercept column was added: X is used as given, theta has one entry per column of X"
                if got is not None and got.shape == (case.args[0].shape[1] + 1,) else "")

    wls_style = d.style("weighted_least_squares", ("X", "y", "weights"), elementwise=False, rtol=1e-7, atol=1e-9, mistakes=lambda X, y, w: [
        ("the weights ignored (ordinary least squares)", np.linalg.lstsq(X, y, rcond=None)[0], "multiply each row's squared residual by its weight"),
        ("sqrt(w) row scaling applied twice: the weights squared", wls(X, y, w ** 2), SQRT_ONCE),
        ("W on the left side only: (X.T W X) theta = X.T y", np.linalg.solve(X.T * w @ X, X.T @ y), "W belongs on both sides: X.T @ W @ y")])
    w_ord = d.cases("weighted_least_squares", ("12 users × 3 features", wls_problem(12, 3)), ("20 users × 2 features", wls_problem(20, 2)))
    wls_ex = d.exercise("weighted_least_squares", wls_style, {
        "values": with_options(w_ord, explain=intercept),
        "duplicated-rows": with_options(w_ord[:1] + [d.case(repeated(wls), label, *wls_problem(n, k, w=integer_w(n))) for label, n, k in (
            ("integer weights 0..3 on 12 users (= rows repeated)", 12, 3), ("integer weights 0..3 on 18 users", 18, 2))], line=("hint", DUPLICATES)),
        "intercept-column": with_options(w_ord[1:] + d.cases("weighted_least_squares", *[(f"{n} users, X with a column of ones (D = {k})", wls_problem(
            n, k, ones=True)) for n, k in ((10, 3), (15, 2))]), explain=intercept),
        "inputs-unchanged": unchanged(w_ord, COPY)})

    # ── weighted_cross_entropy(theta, X, y, weights) and its gradient (derive it yourself) ───────────
    def ce_problem(n, dim, w=None, big=False):
        """(theta, X, y, weights); with big, user 0 (label 0) has logit +800 and user 1 (label 1) -800."""
        X, theta = table(n, dim), r2(rng.normal(0, 1, dim)) + 0.5
        if big:
            X[:2] = np.outer([800.0, -800.0], theta / (theta @ theta))
        return theta, X, np.resize([0, 1, 1, 0, 0], n), weights(n) if w is None else w

    def ce_mistakes(f):
        """The same three mistakes in the loss and in its gradient."""
        return lambda theta, X, y, w: [
            ("divided by N instead of sum(weights)", f(theta, X, y, w) * np.sum(w) / len(y), BY_TOTAL),
            ("the weights ignored", f(theta, X, y, np.ones(len(y))), "each row's loss is multiplied by its weight"),
            ("a weighted sum, not divided at all", f(theta, X, y, w) * np.sum(w), BY_TOTAL)]

    def grad_mistakes(theta, X, y, w):
        p = 1 / (1 + np.exp(-(X @ theta)))
        return ce_mistakes(grad)(theta, X, y, w) + [
            ("the sign flipped: y - p instead of p - y", -grad(theta, X, y, w), STEP.format(3, 1) + "d/dp of -y log p is -y / p"),
            ("p (1 - p) left in: (p - y) * p * (1 - p)", X.T @ (w * (p - y) * p * (1 - p)) / w.sum(),
             STEP.format(3, 3) + "multiply dl/dp by dp/dz = p (1 - p): the p (1 - p) cancels"),
            ("the weights applied twice", X.T @ (w ** 2 * (p - y)) / w.sum(), STEP.format(3, 4) + "each row's dl/dz carries its weight once")]

    problems = [("10 users × 3 features", ce_problem(10, 3)), ("16 users × 2 features", ce_problem(16, 2))]
    theta0, X0, y0, w0 = problems[0][1]
    scaled = [("the first problem, its weights scaled to sum 1", (theta0, X0, y0, w0 / w0.sum())),
              ("the first problem, its weights times 100", (theta0, X0, y0, w0 * 100))]
    large = ("12 users, one confidently wrong: logits +800 (label 0) and -800 (label 1)", ce_problem(12, 3, big=True))
    zero = [Case((theta0, X0, y0, np.zeros(10)), "all-zero weights", None)]
    duplicated = [d.case(repeated(ce), "integer weights 0..3 on 12 users (= rows repeated)", *ce_problem(12, 2, w=integer_w(12)))]

    def ce_exercise(name, style, third):
        ordinary = d.cases(name, *problems)
        return d.exercise(name, style, {
            "values": ordinary, "weights-any-scale": ordinary[:1] + d.cases(name, *scaled), **third(ordinary),
            "large-logits": stable_form(f"{name}/large-logits", ordinary[:1] + d.cases(name, large), style, STABLE),
            "zero-weights": refuses(f"{name}/zero-weights", ordinary[:1], zero, style, why="weights that sum to 0 have no weighted mean"),
            "inputs-unchanged": unchanged(ordinary, COPY)})

    loss_ex = ce_exercise("weighted_cross_entropy", d.style("weighted_cross_entropy", ("theta", "X", "y", "weights"), elementwise=False,
                                                            mistakes=ce_mistakes(ce)),
                          lambda ordinary: {"duplicated-rows": with_options(ordinary[1:] + duplicated, line=("hint", DUPLICATES))})
    grad_ex = ce_exercise("weighted_cross_entropy_grad", d.style("weighted_cross_entropy_grad", ("theta", "X", "y", "weights"),
                                                                 elementwise=False, mistakes=grad_mistakes),
                          lambda ordinary: {"matches-own-loss": against_forward("weighted_cross_entropy", ordinary[:1], lambda *a: a,
                                                                                dout_of=lambda *a: 1.0)})


    # ── density_ratio_weights(p_target, n_source, n_target) (derive it yourself, by Bayes' rule) ──────
    def ratio_mistakes(c, ns, nt):
        odds = c / (1 - c)
        return [("the prior factor n_source / n_target is missing: the odds alone", odds, STEP.format(4, 3) +
                 "the classifier's odds carry the pool's prior odds n_target / n_source; a small target sample makes every odds small"),
                ("the prior factor upside down: odds * n_target / n_source", odds * nt / ns, STEP.format(4, 3) + "P(target) / P(source) = n_target / n_source"),
                ("(1 - p) / p: p read as P(source | x)", (1 - c) / c * ns / nt, STEP.format(4, 1) + "p_target is P(target | x): it goes on top"),
                ("p itself, not its odds", c * ns / nt, STEP.format(4, 2) + "Bayes' rule for P(source | x) too, then divide: p(x) cancels in the odds"),
                ("normalised to mean 1", odds / odds.mean(), "the weights are raw density ratios: not normalised (the docstring says so)"),
                ("normalised to sum 1", odds / odds.sum(), "the weights are raw density ratios: not normalised (the docstring says so)")]

    ratio_style = d.style("density_ratio_weights", ("p_target", "n_source", "n_target"), mistakes=ratio_mistakes)
    probs = lambda n, hi=0.9: r2(rng.uniform(0.02, hi, n))  # noqa: E731
    r_ord = d.cases("density_ratio_weights", ("8 source users, a pool of 950 source and 50 target users (Alaska)", (probs(8, 0.6), 950, 50)),
                    ("10 source users, 300 source and 1200 target users", (probs(10), 300, 1200)))
    ratio_ex = d.exercise("density_ratio_weights", ratio_style, {
        "values": r_ord,
        "edges": r_ord[:1] + d.cases("density_ratio_weights", ("p = 0 and p = 0.5 in a balanced pool (400 and 400)", (np.array([0.0, 0.5, 0.2, 0.75]), 400, 400)),
                                     ("a 0-d probability", (np.array(0.3), 120, 40)), ("no source users (an empty array)", (np.zeros(0), 500, 20))),
        "certain-classifier": refuses("density_ratio_weights/certain-classifier", r_ord[:1], [
            Case((np.array([0.3, 1.0, 0.6]), 950, 50), "a probability of exactly 1", None),
            Case((np.array([0.2, 1.25]), 950, 50), "a probability above 1", None)], ratio_style, why="at P(target | x) = 1 the odds are infinite"),
        "input-unchanged": unchanged(r_ord, COPY)})

    # ── effective_sample_size(weights) ─────────────────────────────────────────────────────────────
    ess_style = d.style("effective_sample_size", ("weights",), elementwise=False, mistakes=lambda w: [
        ("inverted: sum(w**2) / sum(w)**2", np.sum(w ** 2) / np.sum(w) ** 2, "Kish's n_eff = sum(w)**2 / sum(w**2): a count between 1 and N"),
        ("1 / sum(w**2), which assumes the weights sum to 1", 1 / np.sum(w ** 2),
         "these weights are raw (any scale): divide by sum(w)**2 yourself, or normalise first"),
        ("the sum of the weights", np.sum(w), "n_eff = sum(w)**2 / sum(w**2) does not change when every weight doubles; sum(w) does"),
        ("N, the number of weights", float(len(w)), "unequal weights count for less than N users: n_eff = sum(w)**2 / sum(w**2)"),
        ("mean(w)**2 / mean(w**2): a fraction of N, not a count", np.mean(w) ** 2 / np.mean(w ** 2), "multiply by N, or use sums, not means")])
    e_ord = d.cases("effective_sample_size", ("12 weights between 0.2 and 4", weights(12)), ("20 weights, a quarter of them 0", rng.permutation(
        np.concatenate([np.zeros(5), weights(15, 0.5, 6.0)]))))
    ess_ex = d.exercise("effective_sample_size", ess_style, {
        "values": e_ord,
        "special-weights": e_ord[:1] + d.cases("effective_sample_size", ("9 equal weights of 2.5 (n_eff = 9)", np.full(9, 2.5)),
                                               ("one weight of 1000 among 7 weights of 0.01", np.r_[np.full(7, 0.01), 1000.0]),
                                               ("10 weights that sum to 1", r2(weights(10)) / r2(weights(10)).sum()),
                                               ("integer weights", rng.integers(0, 5, 11) + np.arange(11) % 2)),
        "zero-weights": refuses("effective_sample_size/zero-weights", e_ord[:1], [Case((np.zeros(6),), "six weights of 0", None),
                                                                                  Case((np.zeros(0),), "no weights (an empty array)", None)],
                                ess_style, why="with every weight 0 no user counts: there is no sample size"),
        "input-unchanged": unchanged(e_ord, COPY)})

    # ── rake(weights, region, age_band, region_totals, age_totals, tol, max_steps) ─────────────────
    def population(n, regions=3, bands=4, w=None, fit=False):
        """n users, every (region, band) cell filled; targets a population of 10 n people with other margins."""
        cells = np.arange(max(n, regions * bands)) % (regions * bands)
        reg, age = (x[rng.permutation(n)] for x in np.divmod(cells[:n], bands))
        w = np.ones(n) if w is None else w
        R, A = r2(10 * n * rng.dirichlet(np.full(regions, 3.0))), r2(10 * n * rng.dirichlet(np.full(bands, 3.0)))
        A[-1] = np.round(R.sum() - A[:-1].sum(), 2)
        if fit:
            w = rake(w, reg, age, R, A, 1e-12, 10_000)[0]
        return w, reg, age, R, A

    def rake_mistakes(w, reg, age, R, A, tol, max_steps):
        age_first = rake(w, age, reg, A, R, tol, max_steps)
        counts = rake(np.ones_like(w), reg, age, R, A, tol, max_steps)
        return [("age bands first, then regions", age_first, "each sweep fits the regions first, then the age bands (the docstring's order)"),
                ("the start weights dropped (every user started at 1)", counts, "multiply the GIVEN weights by each factor; their ratios are the sample design"),
                ("a sweep made before testing the margins (steps is never 0)", (lambda once: (once[0], once[1] + 1))(
                    rake(rake(w, reg, age, R, A, -1.0, 1)[0], reg, age, R, A, tol, max(max_steps - 1, 0))),
                 "test the margins BEFORE each sweep: weights that already fit come back as they are, with steps = 0"),
                ("max_steps ignored", rake(w, reg, age, R, A, tol, 10_000), "stop after max_steps sweeps whatever the residual")]

    rake_style = d.style("rake", ("weights", "region", "age_band", "region_totals", "age_totals", "tol", "max_steps"), elementwise=False,
                         outputs=("weights", "steps"), mistakes=rake_mistakes, rtol=1e-9, atol=1e-9)
    limit = lambda w, reg, age, R, A, *_: rake(w, reg, age, R, A, 1e-12, 10_000)[0]  # noqa: E731
    solver = Solver(residual=lambda x, w, reg, age, R, A, *_: margin_gap(x, reg, age, R, A), exact=limit,
                    radius=lambda *a: 10 * np.linalg.norm(rake(*a)[0] - limit(*a)) + 100 * a[5], start=0, tol=5, max_steps=6,
                    residual_name="max |total - target|", exact_name="the raked weights (the limit of the sweeps)",
                    advice="each factor is target / CURRENT weighted total of the category: np.bincount(codes, weights=w)")
    met = [d.case(rake, label, *population(n, w=w), 1e-7, 500) for label, n, w in (
        ("40 users, weights 1, 3 regions × 4 age bands", 40, None), ("48 users with design weights 0.5 .. 3", 48, r2(rng.uniform(0.5, 3.0, 48))))]
    path = [d.case(rake, f"{n} users, weights 0.5 .. 3, tol = 1e-12, max_steps = {k}", *population(n, w=r2(rng.uniform(0.5, 3.0, n))), 1e-12, k)
            for n, k in ((36, 1), (30, 3))]
    rake_ex = d.exercise("rake", rake_style, {
        "meets-margins": converges("rake/meets-margins", "rake", met, rake_style, solver),
        "sweep-order": path,
        "already-fitted": path[:1] + [d.case(rake, "30 users whose weights already meet the margins (steps = 0)", *population(30, fit=True), 1e-6, 50)],
        "infeasible-targets": refuses("rake/infeasible-targets", path[:1], [
            Case((np.ones(4), np.array([0, 0, 1, 1]), np.array([0, 1, 0, 1]), np.array([10.0, 20.0]), np.array([15.0, 14.0])),
                 "region totals summing to 30 but age totals to 29", None),
            Case((np.ones(4), np.array([0, 0, 0, 0]), np.array([0, 1, 0, 1]), np.array([10.0, 20.0]), np.array([15.0, 15.0])),
                 "a region with a target of 20 but no users", None)], rake_style, why="no weights can meet both margins"),
        "inputs-unchanged": unchanged(path, COPY)})

    return [wls_ex, loss_ex, grad_ex, ratio_ex, ess_ex, rake_ex]
