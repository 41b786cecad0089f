"""Checks for session 08: the ROC curve, AUC, the precision-recall curve, average precision, log-loss.

Expected values come from the session's derivations.py (via kit.derive), never from solutions/.
Probes are small fraud-like samples (a few positives among 12-24 users). Where conventions part, the
probe is built so the case occurs on every seed: every tie probe has a tie holding both classes and
comes in two orders (positives first within each tie, then negatives first), so an answer that
depends on the order of ties is wrong on one of them; the AP probes open with a negative above two
positives, so the interpolated envelope differs from the step sum; log-loss meets p = 0 and p = 1
under both labels. A one-class label vector, and log-loss given logits, must raise ValueError
(kit/kinds/refuses.py). Log-loss accepts either clipping (p to [eps, 1 - eps], or p and 1 - p each).
"""

import numpy as np

from kit import compare
from kit.declare import Declare, stable, unchanged, with_options
from kit.derive import Bounds
from kit.judges import Case
from kit.kinds.refuses import refuses

TIES = ("tied scores cross a threshold together: sort, take the cumulative sums, and read them at the LAST "
        "sample of each run of equal scores (one point per distinct score), so the order of ties cannot matter")
STEP = "derivations.py, AUC step {}: "
ONE_CLASS = "with one class only, n_pos or n_neg is 0 and every rate divides by it"
ENVELOPE = "AP is the plain step sum sum_k (R_k - R_{k-1}) * P_k with the precision AT each step, not the best one beyond it"


def draw(rng, n, n_pos, logits=False):
    """(y, scores): n users, n_pos of them fraud, fraud scoring higher on average; probabilities on a 0.001
    grid, all distinct (ties are probed on purpose, elsewhere), or their logits (surely below 0 and above 1)."""
    y = rng.permutation(np.r_[np.ones(n_pos, int), np.zeros(n - n_pos, int)])
    grid = np.sort(rng.choice(np.arange(1, 1000), size=n, replace=False)) / 1000
    grid[0], grid[-1] = min(grid[0], 0.1), max(grid[-1], 0.9)
    p = grid[np.argsort(np.argsort(rng.normal(size=n) + 1.5 * y))]
    return y, np.round(np.log(p / (1 - p)), 3) if logits else p


def tied(rng, n, n_pos, first):
    """Scores on five levels, two users of different classes surely sharing one; ordered by score, highest
    first, with class `first` before the other inside every tie (or shuffled, first=None)."""
    y, s = draw(rng, n, n_pos)
    s = np.round(s * 4) / 4
    s[np.argmax(y)] = s[np.argmin(y)] = 0.5
    order = rng.permutation(n) if first is None else np.lexsort((-y if first else y, -s))
    return y[order], s[order]


def items(outcome):
    got = outcome["value"].get("items") or [outcome["value"]]
    return [compare.received(v)[0] for v in got]


def curve_shape(case, outcome):
    """What a curve of the wrong length comes from."""
    want, got = case.expected[0], items(outcome)[0]
    if got is None or got.ndim != 1 or len(got) == len(want):
        return ""
    if len(got) - len(want) == len(case.args[1]) - len(np.unique(case.args[1])) > 0:
        return "one point per sample: " + TIES
    if len(got) == len(want) - 1 and np.allclose(got, want[1:]):
        return "the (0, 0) point is missing: a threshold above every score flags nobody, so the curve starts at (0, 0)"
    return "an extra point: the curve has one point per distinct score, nothing added" if len(got) == len(want) + 1 else ""


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/08-metrics/derivations.py")
    counts = refs["_counts"]
    n_of = lambda y: (np.sum(y), len(y) - np.sum(y), len(y))  # noqa: E731
    ordinary = [("12 users, 3 fraud", draw(rng, 12, 3)), ("20 users, 5 fraud", draw(rng, 20, 5))]
    ties = [(f"tied scores, {w} first inside each tie", tied(rng, 16, 5, first)) for w, first in
            (("positives", 1), ("negatives", 0))] + [("tied scores in shuffled order", tied(rng, 14, 4, None))]
    reals = [("logits (scores below 0 and above 1)", draw(rng, 15, 4, logits=True)),
             ("integer scores, some negative", (tied(rng, 12, 4, None)[0], np.r_[-3, rng.integers(-5, 6, size=11)]))]
    one_class = [Case((np.zeros(8, int), draw(rng, 8, 2)[1]), "labels of one class (all 0)", None),
                 Case((np.ones(6, int), draw(rng, 6, 2)[1]), "labels of one class (all 1)", None)]

    def ranking(name, style, extra=None, explain=None):
        """The checks every ranking metric gets: ordinary, tied, any-real scores, one class, inputs unchanged."""
        ok = d.cases(name, *ordinary)
        return d.exercise(name, style, {
            "values": with_options(ok, explain=explain), **(extra(ok) if extra else {}),
            "ties": with_options(ok[:1] + d.cases(name, *ties), explain=explain),
            "any-real-scores": with_options(ok[:1] + d.cases(name, *reals), explain=explain),
            "single-class": refuses(f"{name}/single-class", ok[:1], one_class, style, why=ONE_CLASS),
            "inputs-unchanged": unchanged(ok)})

    # ── roc_curve(y, scores) -> (fpr, tpr) ────────────────────────────────────
    def roc_mistakes(y, s):
        tp, fp = counts(y, s)
        pos, neg, n = n_of(y)
        fpr, tpr = np.r_[0, fp] / neg, np.r_[0, tp] / pos
        return [("the curve runs from (1, 1) down to (0, 0)", (fpr[::-1], tpr[::-1]), "take thresholds from the HIGHEST score down"),
                ("fpr and tpr swapped", (tpr, fpr), "fpr counts the negatives flagged, over n_neg; tpr the positives, over n_pos"),
                ("both rates divided by N", (np.r_[0, fp] / n, np.r_[0, tp] / n), "fpr = FP / n_neg and tpr = TP / n_pos"),
                ("scores > t counted instead of >= t", (np.r_[0, fpr[:-1]], np.r_[0, tpr[:-1]]),
                 "a threshold t flags every score >= t; the curve ends at (1, 1)")]
    roc = ranking("roc_curve", d.style("roc_curve", ("y", "scores"), elementwise=False, outputs=("fpr", "tpr"),
                                       mistakes=roc_mistakes, hint=TIES), explain=curve_shape)

    # ── auc(y, scores): derive it yourself, so the advice names a step ────────
    def auc_mistakes(y, s):
        pos, neg, n = n_of(y)
        ahead = (s[y == 1][:, None] > s[y == 0][None, :]).mean()
        level = (s[y == 1][:, None] == s[y == 0][None, :]).mean()
        right = refs["auc"](y, s)
        return [("tied pairs counted as 0 (ordinal ranks, ties broken by position)", ahead,
                 STEP.format(2) + "tied scores share the AVERAGE of the ranks they occupy, so a tied pair counts 1/2"),
                ("tied pairs counted as 1", ahead + level, STEP.format(2) + "tied scores share the average rank: a tie is 1/2"),
                ("the rank sum not reduced by n_pos (n_pos + 1) / 2", right + (pos + 1) / (2 * neg),
                 STEP.format(4) + "the positives' ranks also count the positives below them"),
                ("1 - AUC: ranks counted from the highest score", 1 - right, STEP.format(2) + "rank 1 is the LOWEST score"),
                ("divided by n_pos * N instead of n_pos * n_neg", right * neg / n, STEP.format(5) + "there are n_pos * n_neg pairs")]
    auc = ranking("auc", d.style("auc", ("y", "scores"), elementwise=False, mistakes=auc_mistakes,
                                 hint="derive it again from the pairs, step by step (the formula line below)"))

    # ── precision_recall_curve(y, scores) -> (precision, recall) ─────────────
    def pr_mistakes(y, s):
        tp, fp = counts(y, s)
        pos, neg, n = n_of(y)
        return [("precision and recall swapped", (tp / pos, tp / (tp + fp)), "precision = TP / (TP + FP); recall = TP / n_pos"),
                ("the curve taken from the lowest score up", ((tp / (tp + fp))[::-1], (tp / pos)[::-1]),
                 "thresholds go from the HIGHEST score down, so recall rises"),
                ("recall divided by N", (None, tp / n), "recall = TP / n_pos: the share of the fraud that is caught")]
    pr = ranking("precision_recall_curve", d.style("precision_recall_curve", ("y", "scores"), elementwise=False,
                                                   outputs=("precision", "recall"), mistakes=pr_mistakes, hint=TIES),
                 explain=curve_shape)

    # ── average_precision(y, scores): the step sum, not interpolated, not 11 points ─
    def ap_mistakes(y, s):
        precision, recall = refs["precision_recall_curve"](y, s)
        best = np.maximum.accumulate(precision[::-1])[::-1]
        steps = np.diff(recall, prepend=0.0)
        eleven = [precision[recall >= r].max() for r in np.linspace(0, 1, 11)]
        return [("the interpolated envelope (the best precision at this recall or beyond)", np.sum(steps * best), ENVELOPE),
                ("the 11-point interpolated average", np.mean(eleven), ENVELOPE + "; and at every step, not 11 recalls"),
                ("trapezoids under the PR curve", np.trapezoid(precision, recall),
                 "AP is a step sum: each step's width times the precision at its right end, no averaging of ends"),
                ("the mean precision over the thresholds", precision.mean(), "weight each precision by its recall step")]

    def top_negative(n, n_pos):
        y, s = draw(rng, n, n_pos)
        y[:3], s[:3] = (0, 1, 1), np.max(s) + np.array([0.3, 0.2, 0.1])
        return y, np.round(s, 3)
    ap = ranking("average_precision", d.style("average_precision", ("y", "scores"), elementwise=False,
                                              mistakes=ap_mistakes, hint="AP adds up the points of precision_recall_curve: " + TIES), extra=lambda ok: {"not-interpolated": ok[:1] + d.cases(
        "average_precision", ("a negative scored above two positives", top_negative(14, 4)),
        ("a negative scored above two positives, 24 users", top_negative(24, 6)))})

    # ── log_loss(y, p, eps=1e-15) ─────────────────────────────────────────────
    def either(y, p, eps=1e-15):
        a, b = refs["log_loss"](y, p, eps), refs["log_loss_clip_each"](y, p, eps)
        return Bounds(np.minimum(a, b), np.maximum(a, b))

    def ll_mistakes(y, p, eps=1e-15):
        q, right = np.clip(p, eps, 1 - eps), refs["log_loss"](y, p, eps)
        return [("a sum over the users, not a mean", right * len(y), "the log-loss is a MEAN over the N users"),
                ("log base 2 (bits), not nats", right / np.log(2), "use the natural log, np.log"),
                ("the labels' roles swapped", -np.mean((1 - y) * np.log(q) + y * np.log(1 - q)), "y = 1 pays -log(p)"),
                ("the y = 0 term left out", -np.mean(y * np.log(q)), "a negative pays -log(1 - p)"),
                ("eps ignored (1e-15 used)", refs["log_loss"](y, p), "clip with the eps argument you are given")]
    ll = d.style("log_loss", ("y", "p", "eps"), elementwise=False, mistakes=ll_mistakes)
    ok = d.cases(either, *[(w, (y, np.clip(p, 0.02, 0.98))) for w, (y, p) in ordinary])
    edge_y, edge_p = np.array([1, 0, 1, 0, 1, 0]), np.array([0.0, 1.0, 1.0, 0.0, 0.7, 0.2])
    log_loss = d.exercise("log_loss", ll, {
        "values": ok,
        "p-at-0-and-1": stable(ok[:1] + d.cases(either, ("p = 0 and p = 1, right and wrong", (edge_y, edge_p))),
                               "clip p first, p = np.clip(p, eps, 1 - eps): log(0) is -inf, and 0 * -inf is nan",
                               ("divide", "invalid", "overflow")),
        "eps": ok[:1] + d.cases(either, ("eps = 0.01", (edge_y, edge_p, 0.01)), ("eps = 0.1", (edge_y[:4], edge_p[:4], 0.1))),
        "single-class": ok[:1] + d.cases(either, ("labels of one class (all 0)", (np.zeros(5, int), edge_p[1:])),
                                         ("labels of one class (all 1)", (np.ones(4, int), edge_p[2:]))),
        "not-probabilities": refuses("log_loss/not-probabilities", ok[:1], [Case(draw(rng, 10, 3, logits=True),
                                     "logits, not probabilities", None)], ll, why="p must be probabilities in [0, 1]"),
        "inputs-unchanged": unchanged(ok + d.cases(either, ("p = 0 and p = 1", (edge_y, edge_p))),
                                      "np.clip(p, eps, 1 - eps, out=p) clips the caller's array; p = np.clip(p, ...)")})
    return [roc, auc, pr, ap, log_loss]
