"""Session 08 derivations: the ROC curve and AUC, precision, recall and average precision, log-loss.

Run it to see each derivation:  python sessions/08-metrics/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Conventions, everywhere: labels y are a 1-D array of 0s and 1s (1 = fraud, the positive class);
scores are a 1-D array of the same length, any real numbers (a probability, a logit, a rank: only
their order matters to a ranking metric). A threshold t predicts "positive" for every score >= t.
Tied scores are one threshold: they cross it together, so no curve may depend on their order.

The ranking metrics are counting arguments, not calculus: they are proved here in exact arithmetic
(SymPy sums for the general identities, and every small case enumerated with fractions), then the
NumPy forms are admitted as Source references. Log-loss is calculus: SymPy finds its minimiser.
"""

import itertools
from fractions import Fraction

import sympy as sp

from kit.symbolic import Source, show

# ── AUC, step 1: the definition. Draw one positive and one negative; AUC is the chance the positive
# scores higher, a tie counting 1/2 (a coin flip breaks it):
#     AUC = (1 / (n_pos * n_neg)) * sum over pairs (i positive, j negative) of [s_i > s_j] + 1/2 [s_i == s_j]


def auc_pairs(y, s):
    """Step 1 verbatim, over every (positive, negative) pair, in exact fractions."""
    pos = [b for a, b in zip(y, s) if a == 1]
    neg = [b for a, b in zip(y, s) if a == 0]
    wins = sum(Fraction(int(a > b)) + Fraction(int(a == b), 2) for a in pos for b in neg)
    return wins / (len(pos) * len(neg))


# step 2: rank all N scores from the lowest (rank 1) up; tied scores share the average of the ranks
# they occupy (the midrank). Equivalently, the midrank of s_i counts, over ALL samples j (itself too),
#     [s_j < s_i] + 1/2 [s_j == s_i]   plus 1/2.
def midranks(s):
    return [sum(Fraction(int(b < a)) + Fraction(int(b == a), 2) for b in s) + Fraction(1, 2) for a in s]


# Why the two forms of step 2 agree: a tie group of g scores above `a` lower ones occupies ranks
# a + 1 … a + g; their average, times g, is the sum of those ranks, so sharing keeps every total.
k, a, g, n = sp.symbols("k a g n", integer=True, positive=True)
tie_keeps_sum = sp.simplify(g * (a + (g + 1) / sp.Integer(2)) - sp.summation(k, (k, a + 1, a + g))) == 0
# step 3: add up the positives' midranks. Each counts the negatives below it (a tie 1/2: step 1's
# pairs) and the positives below it (a tie 1/2, itself 1/2 + 1/2). So the sum splits in two: the
# pairs of step 1, plus the midranks of the positives among themselves.
# step 4: the positives among themselves hold ranks 1 … n_pos (shared ties keep the sum, as above):
positives_alone = sp.summation(k, (k, 1, n))          # SymPy: n (n + 1) / 2
positives_alone_proved = sp.simplify(positives_alone - n * (n + 1) / 2) == 0
# step 5: what is left, divided by the number of pairs, is the AUC (the rank-sum form is the
# exercise auc: derive it from steps 1-4). The proofs below run on every labelling of every score
# pattern with ties, N <= 4, in exact fractions:


def all_cases(max_n=6, levels=3):
    """Every label vector with both classes and every score pattern over `levels` values (ties galore)."""
    for size in range(2, max_n + 1):
        for y in itertools.product((0, 1), repeat=size):
            if 0 < sum(y) < size:
                for s in itertools.product(range(levels), repeat=size):
                    yield y, s


CASES = list(all_cases(4))
# >>> course-only: step 5's result is the formula the exercise auc asks for (kit release leaves it out)


def auc_from_ranks(y, s):
    n_pos, n_neg = sum(y), len(y) - sum(y)
    rank_sum = sum(r for r, label in zip(midranks(s), y) if label == 1)
    return (rank_sum - Fraction(n_pos * (n_pos + 1), 2)) / (n_pos * n_neg)


rank_form_proved = tie_keeps_sum and positives_alone_proved and all(
    auc_from_ranks(y, s) == auc_pairs(y, s) for y, s in CASES)        # against step 1's pair count
# <<< course-only


# ── the ROC curve: one point per DISTINCT threshold t, from the highest score down, after (0, 0):
#     tpr(t) = #{positives with s >= t} / n_pos,   fpr(t) = #{negatives with s >= t} / n_neg.
# Tied scores cross a threshold together, so they form one step (a diagonal one when the tie mixes
# classes). The area under that curve, by trapezoids, is the AUC of step 1: a diagonal step over a
# tie adds exactly half its rectangle, the tie's 1/2.
def roc_points(y, s):
    n_pos, n_neg = sum(y), len(y) - sum(y)
    points = [(Fraction(0), Fraction(0))]
    for t in sorted(set(s), reverse=True):
        points.append((Fraction(sum(1 for a, b in zip(y, s) if a == 0 and b >= t), n_neg),
                       Fraction(sum(1 for a, b in zip(y, s) if a == 1 and b >= t), n_pos)))
    return points


def trapezoids(points):
    return sum((x1 - x0) * (y0 + y1) / 2 for (x0, y0), (x1, y1) in zip(points, points[1:]))


roc_area_is_auc = all(trapezoids(roc_points(y, s)) == auc_pairs(y, s) for y, s in CASES)
roc_ends_right = all(roc_points(y, s)[0] == (0, 0) and roc_points(y, s)[-1] == (1, 1) for y, s in CASES[:500])


# ── precision and recall at each distinct threshold t, from the highest score down:
#     precision(t) = TP / (TP + FP) (of those flagged, how many are fraud),  recall(t) = TP / n_pos (= tpr).
# Average precision is the step sum over those thresholds, recall rising from R_0 = 0:
#     AP = sum_k (R_k - R_{k-1}) * P_k
# Recall only moves where a positive is crossed, so AP is also the mean, over the positives, of the
# precision at the threshold equal to that positive's score: proved below on every small case.
def pr_points(y, s):
    points = []
    for t in sorted(set(s), reverse=True):
        tp = sum(1 for a, b in zip(y, s) if a == 1 and b >= t)
        flagged = sum(1 for b in s if b >= t)
        points.append((Fraction(tp, flagged), Fraction(tp, sum(y))))
    return points


def ap_steps(y, s):
    recalls = [Fraction(0)] + [r for _, r in pr_points(y, s)]
    return sum((r1 - r0) * p for (p, r1), r0 in zip(pr_points(y, s), recalls))


def ap_per_positive(y, s):
    def precision_at(t):
        return Fraction(sum(1 for a, b in zip(y, s) if a == 1 and b >= t), sum(1 for b in s if b >= t))
    return sum(precision_at(b) for a, b in zip(y, s) if a == 1) / sum(y)


ap_is_mean_precision_at_positives = all(ap_steps(y, s) == ap_per_positive(y, s) for y, s in CASES)
# Where the conventions part: ranked from the top, [negative, positive, positive] has precisions
# 0, 1/2, 2/3 at recalls 0, 1/2, 1. The step sum gives 1/2 * 1/2 + 1/2 * 2/3 = 7/12; the interpolated
# envelope (the best precision at this recall or beyond) replaces 1/2 by 2/3 and gives 2/3.
ap_example = ap_steps((0, 1, 1), (3, 2, 1))
ap_example_interpolated = Fraction(1, 2) * Fraction(2, 3) + Fraction(1, 2) * Fraction(2, 3)
conventions_part = ap_example == Fraction(7, 12) != ap_example_interpolated

# ── log-loss: for one sample with label y and predicted probability q, in nats,
#     loss = -(y * log(q) + (1 - y) * log(1 - q)).
# It is a PROPER scoring rule: if the truth is y ~ Bernoulli(p), the expected loss is smallest at q = p,
# so a model cannot lower it by reporting anything but its honest probability.
p, q = sp.symbols("p q", positive=True)
expected_loss = -(p * sp.log(q) + (1 - p) * sp.log(1 - q))
stationary = sp.solve(sp.diff(expected_loss, q), q)                       # SymPy: [p]
curvature = sp.simplify(sp.diff(expected_loss, q, 2))                    # p/q**2 + (1-p)/(1-q)**2 > 0
minimised_at_truth = stationary == [p] and sp.simplify(curvature.subs(q, p) - 1 / (p * (1 - p))) == 0
# The regret of reporting q instead of p is the KL divergence KL(p || q) >= 0:
kl = p * sp.log(p / q) + (1 - p) * sp.log((1 - p) / (1 - q))
regret_is_kl = sp.simplify(sp.expand_log(expected_loss - expected_loss.subs(q, p) - kl, force=True)) == 0
# On a logit z (q = sigmoid(z)) its gradient is q - y: session 03's softmax gradient, two classes.
z, y_ = sp.symbols("z y", real=True)
loss_of_logit = -(y_ * sp.log(1 / (1 + sp.exp(-z))) + (1 - y_) * sp.log(1 - 1 / (1 + sp.exp(-z))))
logit_gradient_proved = sp.simplify(sp.diff(loss_of_logit, z) - (1 / (1 + sp.exp(-z)) - y_)) == 0
log_loss_proved = minimised_at_truth and regret_is_kl and logit_gradient_proved

# >>> course-only: the NumPy answers, admitted once the facts above hold (kit release leaves them out)
counts_code = '''
def _counts(y, scores):
    """TP and FP at each distinct threshold, highest first: cumulative sums read at each tie group's end."""
    y, s = np.asarray(y, dtype=float), np.asarray(scores, dtype=float)
    order = np.argsort(-s, kind="stable")
    y, s = y[order], s[order]
    last = np.r_[s[1:] != s[:-1], True]          # the last sample of each group of equal scores
    return np.cumsum(y)[last], np.cumsum(1 - y)[last]
'''
roc_code = '''
def roc_curve(y, scores):
    tp, fp = _counts(y, scores)
    return np.r_[0.0, fp] / fp[-1], np.r_[0.0, tp] / tp[-1]      # (fpr, tpr), (0, 0) first
'''
auc_code = '''
def auc(y, scores):
    y, s = np.asarray(y) == 1, np.asarray(scores, dtype=float)
    below = np.searchsorted(np.sort(s), s, side="left")          # how many scores are lower
    tied = np.searchsorted(np.sort(s), s, side="right") - below  # how many equal (itself too)
    ranks = below + (tied + 1) / 2                               # midranks, 1 = lowest
    n_pos, n_neg = y.sum(), (~y).sum()
    return (ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg)
'''
pr_code = '''
def precision_recall_curve(y, scores):
    tp, fp = _counts(y, scores)
    return tp / (tp + fp), tp / tp[-1]                           # (precision, recall)
'''
ap_code = '''
def average_precision(y, scores):
    precision, recall = precision_recall_curve(y, scores)
    return np.sum(np.diff(np.r_[0.0, recall]) * precision)      # sum_k (R_k - R_{k-1}) P_k
'''
log_loss_code = '''
def log_loss(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
'''
# The other clipping that is equally right: clip each probability the log sees, p and 1 - p, to
# [eps, 1]. It differs from the one above only where p is within eps of 0 or 1 (by about 1e-16 / eps).
log_loss_each_code = '''
def log_loss_clip_each(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    return -np.mean(y * np.log(np.clip(p, eps, 1)) + (1 - y) * np.log(np.clip(1 - p, eps, 1)))
'''

AUC_STEPS = ("derive it in steps (derivations.py, AUC steps 1-5): 1 AUC counts the (positive, negative) pairs "
             "ranked right, a tie 1/2, over n_pos * n_neg; 2 rank all scores from the lowest, ties sharing their "
             "average rank; 3 add up the positives' ranks and see which pairs each rank counts; 4 what the "
             "positives among themselves contribute; 5 subtract it and divide")

REFERENCES = [
    Source("_counts", counts_code, verified=roc_ends_right,
           formula="TP, FP at each distinct threshold: cumulative sums read at the end of each tie group"),
    Source("roc_curve", roc_code, verified=roc_area_is_auc and roc_ends_right,
           formula="at each distinct threshold t, highest first, after (0, 0): fpr = #{neg: s >= t} / n_neg, "
                   "tpr = #{pos: s >= t} / n_pos"),
    Source("auc", auc_code, verified=rank_form_proved, formula=AUC_STEPS),
    Source("precision_recall_curve", pr_code, verified=ap_is_mean_precision_at_positives,
           formula="at each distinct threshold t, highest first: precision = TP / (TP + FP), recall = TP / n_pos"),
    Source("average_precision", ap_code, verified=ap_is_mean_precision_at_positives and conventions_part,
           formula="AP = sum_k (R_k - R_{k-1}) * P_k over the distinct thresholds, R_0 = 0 (no interpolation)"),
    Source("log_loss", log_loss_code, verified=log_loss_proved,
           formula="p = np.clip(p, eps, 1 - eps);  loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))"),
    Source("log_loss_clip_each", log_loss_each_code, verified=log_loss_proved,
           formula="-np.mean(y * np.log(clip(p, eps, 1)) + (1 - y) * np.log(clip(1 - p, eps, 1)))"),
]
# <<< course-only

if __name__ == "__main__":
    print(f"enumerated {len(CASES)} labellings with tied scores, N <= 4, in exact fractions\n")
    print("AUC step 2: sharing tied ranks keeps their sum:", tie_keeps_sum)
    print("AUC step 4: ranks 1 … n add up to", sp.factor(positives_alone), ":", positives_alone_proved)
    # >>> course-only: step 5, the exercise auc's formula
    print("AUC from ranks equals the pair count of step 1 on every case:", rank_form_proved)
    # <<< course-only
    print("ROC: (0, 0) first, (1, 1) last:", roc_ends_right, "  area by trapezoids = AUC:", roc_area_is_auc)
    print("AP step sum = mean precision at the positives' scores:", ap_is_mean_precision_at_positives)
    print(f"AP of [neg, pos, pos]: steps {ap_example}, interpolated {ap_example_interpolated}\n")
    print("expected log-loss E(q) =", expected_loss)
    print("dE/dq = 0 at q =", stationary, "  d2E/dq2 =", curvature, " > 0:", minimised_at_truth)
    print("E(q) - E(p) = KL(p || q):", regret_is_kl, "  d loss / d logit = sigmoid(z) - y:", logit_gradient_proved, "\n")
    # >>> course-only: the NumPy answers, printed for the organizer
    show(REFERENCES)
    # <<< course-only
