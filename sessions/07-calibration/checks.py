"""Checks for session 07: reliability bins, ECE, Brier, temperature scaling in log T, and the cost of a threshold.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Probes are small groups of synthetic users whose probabilities sit off every bin edge (3 decimals), so
the only bin edges a check meets are the ones it builds on purpose: p = 1.0 (the last bin's closed end),
an empty bin, exact dyadic edges 0.25 / 0.5 / 0.75, a p exactly equal to the threshold. Each of these
is built into its input, so it occurs on every seed. Bad input (n_bins = 0, a p of 1.3, labels in
{-1, +1}, no users, an empty fit split, zero costs) must raise ValueError (kit.kinds.refuses); the NLL at
logits of ±1000 must not warn (kit.kinds.stable_form). A pair output (nll, grad) is judged one item per check:
the other item's expected value is ANY, a set that holds every finite number.
"""

import numpy as np

from kit import compare
from kit.declare import Declare, against_forward, stable, unchanged, with_options
from kit.derive import Bounds
from kit.judges import Case
from kit.kinds.refuses import refuses
from kit.kinds.stable_form import stable_form

ANY = Bounds(np.array(-np.inf), np.array(np.inf))        # one output of a pair that a check does not judge
ONE = ("p = 1.0 belongs to the last bin: floor(1.0 * n_bins) = n_bins is one past it, so clip the index with "
       "np.minimum(..., n_bins - 1); edges from np.arange or a strict `p < edges[i + 1]` drop it")
EMPTY = ("an empty bin has sums 0 and count 0: divide by np.maximum(counts, 1) (or np.divide(..., where=counts > 0, "
         "out=np.zeros(n_bins))) so it reports 0, with no 0 / 0")
WEIGHT = "each bin's gap counts as often as it has users: sum of counts / N * |confidence - frequency|"
STEP = "derivations.py, section 2, step {}: "            # temperature_nll's gradient is derived by the learner
STABLE = ("softplus(u) = np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) never overflows, and nll = mean(softplus(u) "
          "- y * u) never takes the log of a probability that rounded to 0 or 1; sigmoid(u) as in session 01")
LABELS = "labels are 0 and 1; -1/+1 labels are another convention, and this function must refuse them"


def scored(rng, n, n_bins, ones=0, empty=(), over=1.0):
    """(p, y) for n users: p off every edge of n_bins bins, none in the bins `empty`, `ones` of them exactly 1.0;
    y drawn with P(fraud) = p ** over (over > 1: the model over-states fraud, as an over-confident one does), but
    every other user with p = 1.0 is honest: such a model is sure, and wrong."""
    bins = rng.choice([i for i in range(n_bins) if i not in empty], size=n - ones)
    p = np.round((bins + rng.uniform(0.05, 0.95, n - ones)) / n_bins, 3)
    y = np.concatenate([(rng.uniform(size=n - ones) < p ** over), np.arange(ones) % 2 == 0]).astype(int)
    order = rng.permutation(n)
    return np.concatenate([p, np.ones(ones)])[order], y[order]


def split_logits(rng, n, scale, held_scale):
    """(z, y, fit): logits of a model whose log-odds are `scale` times the truth on the fit split (2/3 of the users)
    and `held_scale` times it on the held-out ones; both classes overlap in the fit split, and fraud scores higher
    there on average, so the fitted T is finite and positive."""
    fit = rng.permutation(np.arange(n) < 2 * n // 3)
    while True:
        truth = rng.normal(-0.5, 2.0, size=n)
        y = (rng.uniform(size=n) < 1 / (1 + np.exp(-truth))).astype(int)
        z = np.round(truth * np.where(fit, scale, held_scale), 2)
        zf, yf = z[fit], y[fit]
        slope = np.mean((1 / (1 + np.exp(-zf)) - yf) * -zf)     # d nll / d log_t at T = 1: its sign says T > 1 or < 1
        if (yf[zf < 0] == 1).any() and (yf[zf > 0] == 0).any() and np.mean((0.5 - yf) * zf) < -0.05 \
                and slope * np.sign(np.log(scale)) < -0.02:
            return z, y, fit


def bins_shape(case, outcome):
    """What a wrong number of bins comes from."""
    items, n_bins = outcome["value"].get("items") or [{}], case.args[2]
    got = compare.received(items[0])[0]
    if got is not None and got.shape == (n_bins + 1,):
        return "p = 1.0 given a bin of its own, index n_bins: " + ONE
    return ("only the non-empty bins returned (as sklearn's calibration_curve does): " + EMPTY) \
        if got is not None and got.ndim == 1 and len(got) < n_bins else ""


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/07-calibration/derivations.py")
    bins, ece_ref, nll, fit_ref = (refs[n] for n in ("reliability_bins", "expected_calibration_error",
                                                     "temperature_nll", "fit_log_temperature"))
    bad = lambda label, *args: Case(args, label, None)  # noqa: E731

    # ── reliability_bins(p, y, n_bins) -> (counts, confidence, frequency) ──────
    def bins_mistakes(p, y, n_bins):
        c, right = bins(p, y, n_bins)[0], np.minimum(np.ceil(p * n_bins).astype(int) - 1, n_bins - 1).clip(0)
        up = [np.bincount(right, weights=w, minlength=n_bins) for w in (None, p, y)]
        return [("p = 1.0 left out of every bin", bins(p[p < 1], y[p < 1], n_bins), ONE),
                ("bins closed on the right, (i / n_bins, (i + 1) / n_bins]: p on an edge joins the bin below",
                 (up[0], up[1] / np.maximum(up[0], 1), up[2] / np.maximum(up[0], 1)),
                 "bin i is i / n_bins <= p < (i + 1) / n_bins: floor(p * n_bins), as np.histogram does"),
                ("the bin midpoints (i + 0.5) / n_bins as confidence", (None, (np.arange(n_bins) + 0.5) / n_bins * (c > 0), None),
                 "a bin's confidence is the mean p of ITS users, not the middle of the bin")]

    bins_style = d.style("reliability_bins", ("p", "y", "n_bins"), elementwise=False,
                         outputs=("counts", "confidence", "frequency"), mistakes=bins_mistakes)
    b_ord = d.cases("reliability_bins", ("30 users, 10 bins", (*scored(rng, 30, 10), 10)),
                    ("24 users, 5 bins", (*scored(rng, 24, 5, over=2), 5)))
    b_one = d.case("reliability_bins", "20 users, 3 with p = 1.0, 10 bins", *scored(rng, 20, 10, ones=3), 10)
    b_empty = d.cases("reliability_bins", ("20 users, none in bins 3-6 of 10", (*scored(rng, 20, 10, empty=(3, 4, 5, 6)), 10)),
                      ("one user, 4 bins", (np.array([0.6]), np.array([1]), 4)))
    edges = np.array([0.0, 0.25, 0.25, 0.5, 0.5, 0.75, 0.1, 0.3, 0.6, 0.9])
    b_edge = d.case("reliability_bins", "p exactly on the edges 0, 0.25, 0.5, 0.75 of 4 bins", edges,
                    (rng.uniform(size=10) < edges).astype(int), 4)
    reliability = d.exercise("reliability_bins", bins_style, {
        "values": with_options(b_ord, explain=bins_shape),
        "p-equals-one": with_options([b_ord[0], b_one], explain=bins_shape),
        "empty-bins": with_options(b_ord[:1] + b_empty, forbid_warnings=("invalid", "divide by zero"), warning_advice=EMPTY,
                                   explain=bins_shape),
        "bin-edges": [b_ord[0], b_edge],
        "bad-input": refuses("reliability_bins/bad-input", b_ord[:1], [
            bad("n_bins = 0", *b_ord[0].args[:2], 0), bad("a p of 1.3", np.array([0.2, 1.3]), np.array([0, 1]), 5)],
            bins_style, why="n_bins must be at least 1, and a probability lies in [0, 1]"),
        "inputs-unchanged": unchanged(b_ord + [b_one])})

    # ── expected_calibration_error(p, y, n_bins) ─────────────────────────────────
    def ece_mistakes(p, y, n_bins):
        c, conf, freq = bins(p, y, n_bins)
        gap, top = np.abs(conf - freq), np.maximum(p, 1 - p)
        return [("an unweighted mean over all bins", gap.mean(), WEIGHT),
                ("an unweighted mean over the non-empty bins", gap[c > 0].mean(), WEIGHT),
                ("the top-label ECE: max(p, 1 - p) against whether the predicted class was right",
                 ece_ref(top, (p >= 0.5) == y, n_bins), "this ECE bins P(y = 1) itself and compares it with y"),
                ("counts not divided by N", np.sum(c * gap), "the weights are the SHARES of users, counts / N"),
                ("squared gaps", np.sum(c * gap**2) / len(p), "the ECE averages |confidence - frequency|, not its square"),
                ("users with p = 1.0 left out", ece_ref(p[p < 1], y[p < 1], n_bins) * np.mean(p < 1), ONE)]

    ece_style = d.style("expected_calibration_error", ("p", "y", "n_bins"), elementwise=False, mistakes=ece_mistakes)
    e_ord = d.cases("expected_calibration_error", ("40 users, over-confident, 10 bins", (*scored(rng, 40, 10, over=2.5), 10)),
                    ("30 users, 5 bins", (*scored(rng, 30, 5, over=0.6), 5)))
    e_edge = d.cases("expected_calibration_error", ("24 users, 4 with p = 1.0, none in bins 2-5 of 10",
                                                    (*scored(rng, 24, 10, ones=4, empty=(2, 3, 4, 5), over=3), 10)),
                     ("16 users, 2 with p = 1.0, none in bins 0-1 of 4", (*scored(rng, 16, 4, ones=2, empty=(0, 1)), 4)))
    ece = d.exercise("expected_calibration_error", ece_style, {
        "values": e_ord,
        "empty-bins-and-p-one": stable(e_ord[:1] + e_edge, EMPTY, ("invalid", "divide by zero")),
        "bad-input": refuses("expected_calibration_error/bad-input", e_ord[:1], [
            bad("no users", np.zeros(0), np.zeros(0, int), 10), bad("labels -1/+1", np.array([0.2, 0.9]), np.array([-1, 1]), 5)],
            ece_style, why="no users have no calibration error, and " + LABELS),
        "inputs-unchanged": unchanged(e_ord + e_edge[:1])})

    # ── brier_score(p, y) ─────────────────────────────────────────────────────
    brier_style = d.style("brier_score", ("p", "y"), elementwise=False, mistakes=lambda p, y: [
        ("the two-class sum (p - y)**2 + ((1 - p) - (1 - y))**2: twice the binary score", 2 * np.mean((p - y) ** 2),
         "the binary Brier score has one term per user"),
        ("a sum over users, not a mean", np.sum((p - y) ** 2), "divide by N: np.mean"),
        ("|p - y| instead of its square", np.mean(np.abs(p - y)), "the Brier score squares the gap"),
        ("the root of the mean square", np.sqrt(np.mean((p - y) ** 2)), "no square root: the Brier score is a mean square")])
    r_ord = d.cases("brier_score", ("30 users", scored(rng, 30, 10)), ("20 over-confident users", scored(rng, 20, 10, over=3)))
    brier = d.exercise("brier_score", brier_style, {
        "values": r_ord,
        "shapes": r_ord[:1] + d.cases("brier_score", ("one user", (np.array([0.8]), np.array([0]))),
                                      ("integer p and y", (np.array([1, 0, 1, 1]), np.array([1, 0, 0, 1])))),
        "bad-input": refuses("brier_score/bad-input", r_ord[:1], [bad("no users", np.zeros(0), np.zeros(0, int)),
                             bad("labels -1/+1", np.array([0.2, 0.9, 0.4]), np.array([-1, 1, -1]))],
                             brier_style, why="no users have no mean, and " + LABELS),
        "inputs-unchanged": unchanged(r_ord)})

    # ── temperature_nll(z, y, log_t) -> (nll, grad): derive-it-yourself, the advice names a step ─
    def nll_mistakes(z, y, s):
        (value, g), u, N = nll(z, y, s), z / np.exp(s), len(z)
        resid = 1 / (1 + np.exp(-np.clip(u, -700, 700))) - y
        return [("the gradient's sign is flipped", (None, -g), STEP.format(3) + "u = z * exp(-log_t) shrinks as log_t grows"),
                ("the derivative in T, not in log_t", (None, g / np.exp(s)),
                 STEP.format(3) + "the derivative asked for is in s = log_t, where T = exp(s): the chain adds dT/ds"),
                ("sums over users, not means", (value * N, g * N), STEP.format(5) + "the loss is a mean over users"),
                ("u = z * T instead of z / T", (nll(z, y, -s)[0], None), STEP.format(1) + "the temperature divides"),
                ("(sigmoid(u) - y) * -z: du/d(log_t) taken as -z", (None, np.mean(resid * -z)),
                 STEP.format(3) + "differentiate u = z * exp(-log_t) in log_t: the exponential stays in it"),
                ("no du/d(log_t) factor: mean(sigmoid(u) - y)", (None, np.mean(resid)), STEP.format(4) + "chain both factors")]

    t_style = d.style("temperature_nll", ("z", "y", "log_t"), elementwise=False, outputs=("nll", "grad"),
                      mistakes=nll_mistakes, hint="derive the gradient again in steps (derivations.py, section 2)")
    logit_sets = [split_logits(rng, 12, 2.5, 2.5)[:2], split_logits(rng, 9, 0.5, 0.5)[:2]]
    t_args = [("12 over-confident users, log_t = 0.7", (*logit_sets[0], 0.7)),
              ("9 under-confident users, log_t = -0.4", (*logit_sets[1], -0.4)),
              ("the 12 users at log_t = 0 (T = 1)", (*logit_sets[0], 0.0))]
    loss = d.cases(lambda *a: (nll(*a)[0], ANY), *t_args[:2])
    huge = np.array([-1000.0, -40.0, 0.0, 35.0, 1000.0, 1000.0, -1000.0])
    temperature = d.exercise("temperature_nll", t_style, {
        "loss": loss,
        "gradient": d.cases(lambda *a: (ANY, nll(*a)[1]), *t_args),
        "own-loss": against_forward("temperature_nll", d.cases(lambda *a: (ANY, nll(*a)[1]), *t_args[:2]),
                                    forward_args=lambda z, y, s: (z, y, s), wrt=(2,), dout_of=lambda *a: 1.0,
                                    forward_output=0, backward_output=1),
        "no-overflow": stable_form("temperature_nll/no-overflow", d.cases("temperature_nll", t_args[0], (
            "logits of ±1000, T = 0.5", (huge, np.array([0, 0, 1, 1, 1, 0, 1]), np.log(0.5)))), t_style, STABLE),
        "bad-input": refuses("temperature_nll/bad-input", loss[:1], [bad("labels -1/+1", huge, np.sign(huge + 1), 0.0)],
                             t_style, why=LABELS),
        "inputs-unchanged": unchanged(loss)})

    # ── fit_log_temperature(z, y, fit) ─────────────────────────────────────────
    f_style = d.style("fit_log_temperature", ("z", "y", "fit"), elementwise=False, rtol=1e-6, atol=1e-6,
                      mistakes=lambda z, y, fit: [
        ("fitted on every user, the held-out ones too", fit_ref(z, y, np.ones_like(fit)),
         "fit on z[fit], y[fit] only: the held-out users judge the calibration, and must not shape it"),
        ("fitted on the held-out users (~fit)", fit_ref(z, y, ~fit), "fit is True for the users to FIT on"),
        ("T returned, not log T", np.exp(fit_ref(z, y, fit)), "return s = log T")])
    negative = ("log_t is nan: T went negative (a step taken in T itself); step in s = log T instead, where T = exp(s) "
                "is positive whatever the step")
    f_ord = d.cases("fit_log_temperature", ("45 users, over-confident on the fit split", split_logits(rng, 45, 2.5, 1.0)),
                    ("36 users, fit and held-out over-confident differently", split_logits(rng, 36, 3.0, 1.5)))
    fit = d.exercise("fit_log_temperature", f_style, {
        "fit-split-only": f_ord,
        "sharpens": with_options(f_ord[:1] + d.cases("fit_log_temperature", *[(f"45 under-confident users (logits x {k})",
                                 split_logits(rng, 45, k, k)) for k in (0.3, 0.12)]), explain=lambda c, o: "" if np.isfinite(
                                 compare.received(o["value"])[0]).all() else negative),
        "bad-input": refuses("fit_log_temperature/bad-input", f_ord[:1], [bad("no users in the fit split", *f_ord[0].args[:2],
                             np.zeros(45, bool))], f_style, why="the fit split is empty: nothing to fit T on"),
        "inputs-unchanged": unchanged(f_ord)})

    # ── expected_cost(p, y, threshold, c_fp, c_fn) and best_threshold(c_fp, c_fn) ─
    def cost_mistakes(p, y, t, c_fp, c_fn):
        count = lambda flag: (np.sum(flag & (y == 0)), np.sum(~flag & (y == 1)))  # noqa: E731
        (fp, fn), (fp2, fn2) = count(p >= t), count(p > t)
        return [("a tie p == threshold not flagged (p > threshold)", (c_fp * fp2 + c_fn * fn2) / len(p),
                 "flag when p >= threshold: a tie is flagged"),
                ("c_fp and c_fn swapped", (c_fn * fp + c_fp * fn) / len(p), "a false positive flags an honest user: c_fp"),
                ("a sum over users, not a mean", c_fp * fp + c_fn * fn, "divide by N, the number of users"),
                ("the error rate, costs left out", (fp + fn) / len(p), "weigh each error by its cost")]

    c_style = d.style("expected_cost", ("p", "y", "threshold", "c_fp", "c_fn"), elementwise=False, mistakes=cost_mistakes)
    c_ord = d.cases("expected_cost", ("30 users, threshold 0.8, c_fp = 1, c_fn = 4", (*scored(rng, 30, 10), 0.8, 1.0, 4.0)),
                    ("24 users, threshold 0.35, c_fp = 5, c_fn = 2", (*scored(rng, 24, 10), 0.35, 5.0, 2.0)))
    p_tie, y_tie = scored(rng, 16, 10)
    p_tie[:4], y_tie[:4] = 0.9, [0, 1, 0, 0]
    cost = d.exercise("expected_cost", c_style, {
        "values": c_ord,
        "ties": c_ord[:1] + [d.case("expected_cost", "16 users, 4 with p exactly 0.9 = threshold", p_tie, y_tie, 0.9, 3.0, 1.0)],
        "bad-input": refuses("expected_cost/bad-input", c_ord[:1], [bad("no users", np.zeros(0), np.zeros(0, int), 0.5, 1.0, 1.0),
                             bad("labels -1/+1", np.array([0.2, 0.9]), np.array([-1, 1]), 0.5, 1.0, 1.0)], c_style,
                             why="no users have no mean cost, and " + LABELS),
        "inputs-unchanged": unchanged(c_ord)})

    t_style2 = d.style("best_threshold", ("c_fp", "c_fn"), elementwise=False, mistakes=lambda c_fp, c_fn: [
        ("c_fn / (c_fp + c_fn): the costs swapped", c_fn / (c_fp + c_fn),
         "a higher cost of false positives should RAISE the threshold (flag fewer)"),
        ("the ratio c_fp / c_fn", c_fp / np.where(c_fn == 0, np.nan, c_fn), "compare the two expected costs, "
         "c_fp * (1 - p) and c_fn * p: where do they break even?"),
        ("0.5 whatever the costs", np.full(np.shape(c_fp + c_fn), 0.5), "the threshold moves with the costs")])
    t_ord = d.cases("best_threshold", ("scalar costs c_fp = 2, c_fn = 3", (2.0, 3.0)),
                    ("arrays of costs", (np.array([1.0, 4.0, 9.0, 0.5]), np.array([1.0, 1.0, 1.0, 2.5]))))
    best = d.exercise("best_threshold", t_style2, {
        "values": t_ord,
        "essay-and-zero-costs": t_ord[:1] + d.cases("best_threshold", ("the essay's 0.8 and 0.9: c_fp = 4 and 9 times c_fn",
                                                    (np.array([4.0, 9.0]), np.array([1.0, 1.0]))),
                                                    ("one cost zero", (np.array([0.0, 3.0]), np.array([2.0, 0.0])))),
        "bad-input": refuses("best_threshold/bad-input", t_ord[:1], [bad("both costs 0", 0.0, 0.0),
                             bad("a negative cost", -1.0, 2.0)], t_style2, why="with no cost, or a negative one, "
                             "no threshold minimises anything")})
    return [reliability, ece, brier, temperature, fit, cost, best]
