"""Session 07 derivations: the Bayes-optimal threshold, temperature scaling in log T, the Brier score's
decomposition, and the binning behind a reliability diagram, each proved or derived by SymPy.

Run it to see each derivation:  python sessions/07-calibration/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Conventions, everywhere: p is the model's P(y = 1) for each user, a 1-D array of length N; labels y are
0 or 1 (not -1/+1); losses are MEANS over the N users; logits z are log-odds, p = sigmoid(z). A user is
flagged when p >= threshold (a tie is flagged). Bins are a COUNT of equal-width bins on [0, 1]: bin i is
[i/n_bins, (i+1)/n_bins), except the last, which also holds p = 1.0.
"""

import sympy as sp

from kit.symbolic import Reference, Source, show

# ═══ 1. The threshold: flag a user or let them through? ════════════════════════════════════════
# A calibrated p means: of all users given p, a fraction p are fraud. Flagging one costs c_fp if they
# are honest (probability 1 - p); letting them through costs c_fn if they are fraud (probability p).
p, t = sp.symbols("p t", real=True)
c_fp, c_fn = sp.symbols("c_fp c_fn", positive=True)
cost_flag = c_fp * (1 - p)                       # expected cost of flagging this user
cost_pass = c_fn * p                             # expected cost of letting them through
t_star = sp.solve(sp.Eq(cost_flag, cost_pass), p)[0]          # where the two break even
# Flagging is cheaper exactly above t*: the difference is linear in p with a negative slope.
flag_minus_pass = sp.expand(cost_flag - cost_pass)
slope = sp.diff(flag_minus_pass, p)                           # -(c_fp + c_fn) < 0
flag_above_t_star = bool(sp.simplify(slope + c_fp + c_fn) == 0) and sp.simplify(flag_minus_pass.subs(p, t_star)) == 0

# The same t* as the minimum of a whole population's expected cost: users' calibrated probabilities
# have some density f on [0, 1]; with threshold t, those below t are let through, those above flagged.
q = sp.Symbol("q", real=True)
f = sp.Function("f")
population_cost = (sp.Integral(c_fn * q * f(q), (q, 0, t)) + sp.Integral(c_fp * (1 - q) * f(q), (q, t, 1)))
dcost_dt = sp.simplify(sp.diff(population_cost, t))           # f(t) (c_fn t - c_fp (1 - t)): fundamental theorem
t_minimises = sp.solve(sp.Eq(dcost_dt / f(t), 0), t) == [t_star]
# The essay's question, answered backwards: which cost ratio c_fp / c_fn makes 0.8 or 0.9 the right threshold?
ratio = sp.Symbol("r", positive=True)                         # r = c_fp / c_fn
ratio_for = {thr: sp.solve(sp.Eq(t_star.subs(c_fp, ratio * c_fn), thr), ratio)[0]
             for thr in (sp.Rational(1, 2), sp.Rational(4, 5), sp.Rational(9, 10))}

# The realised cost of a threshold on labelled users: per user c_fp [flagged][y = 0] + c_fn [passed][y = 1].
flagged, y = sp.symbols("flagged y", integer=True)
per_user_cost = c_fp * flagged * (1 - y) + c_fn * (1 - flagged) * y
cost_table_right = (per_user_cost.subs({flagged: 1, y: 0}) == c_fp and per_user_cost.subs({flagged: 0, y: 1}) == c_fn
                    and per_user_cost.subs({flagged: 1, y: 1}) == 0 and per_user_cost.subs({flagged: 0, y: 0}) == 0)
# Averaged over y ~ Bernoulli(p) (a calibrated p), it is cost_flag or cost_pass: the mean over users of the
# realised cost estimates the expected cost that t* minimises.
expected_matches = all(sp.simplify(p * per_user_cost.subs({flagged: fl, y: 1}) + (1 - p) * per_user_cost.subs(
    {flagged: fl, y: 0}) - (cost_flag if fl else cost_pass)) == 0 for fl in (0, 1))

# ═══ 2. Temperature scaling: p = sigmoid(z / T), fitted in s = log T ════════════════════════════
# One number T > 0 divides every logit: T > 1 softens an over-confident model, T < 1 sharpens it.
# Writing T = exp(s) lets s range over all reals, and T can never become zero or negative.
z, s, u, v = sp.symbols("z s u v", real=True)
sigmoid = lambda a: 1 / (1 + sp.exp(-a))                      # noqa: E731
T = sp.exp(s)
# The per-user negative log-likelihood of a 0/1 label, as a function of the scaled logit u:
nll_u = -(y * sp.log(sigmoid(u)) + (1 - y) * sp.log(1 - sigmoid(u)))
# ... the same as softplus(u) - y u, with no log of a probability (which underflows to log 0):
softplus_u = sp.log(1 + sp.exp(u)) - y * u
softplus_form = all(sp.simplify(sp.expand_log((nll_u - softplus_u).subs(y, yv), force=True)) == 0 for yv in (0, 1))
# ... and softplus(u) = max(u, 0) + log(1 + exp(-|u|)), where exp never sees a positive argument:
w_pos = sp.Symbol("w", positive=True)
stable_softplus = all(sp.simplify(sp.log(1 + sp.exp(a)) - (sp.Max(a, 0) + sp.log(1 + sp.exp(-sp.Abs(a))))) == 0
                      for a in (w_pos, -w_pos))
# The derive-it-yourself exercise (temperature_nll's gradient) in steps; SymPy does each one:
# step 1: name the pieces: u = z / T = z * exp(-s), then the loss of u
u_of_s = z * sp.exp(-s)
# step 2: the loss's derivative in u (the logistic loss's, as in session 03)
dnll_du = sp.simplify(sp.diff(softplus_u, u))
dnll_du_is_residual = sp.simplify(dnll_du - (sigmoid(u) - y)) == 0
# step 3: u's derivative in s
du_ds = sp.diff(u_of_s, s)                                    # -z exp(-s) = -u
du_ds_is_minus_u = sp.simplify(du_ds + u_of_s) == 0
# step 4: the chain rule, and SymPy's direct derivative of the composite agrees with it
per_user_grad = (dnll_du * du_ds).subs(u, u_of_s)
direct_grad = sp.diff(softplus_u.subs(u, u_of_s), s)
chain_agrees = sp.simplify(per_user_grad - direct_grad) == 0
# step 5: the loss is a mean over users, so is its gradient (one s shared by every user).
# In T instead of s: dL/dT = dL/ds * ds/dT = dL/ds / T, so a gradient taken in T is T times too small in s.
Tsym = sp.Symbol("T", positive=True)
grad_in_T = sp.diff(softplus_u.subs(u, z / Tsym), Tsym)
grad_T_relation = sp.simplify(grad_in_T * Tsym - direct_grad.subs(s, sp.log(Tsym))) == 0
# The second derivative, for Newton's method in s: d/ds of (sigmoid(u) - y) * (-u).
per_user_hess = sp.simplify(sp.diff(direct_grad, s))
hess_form = sp.simplify(per_user_hess - ((sigmoid(u) - y) * u + sigmoid(u) * (1 - sigmoid(u)) * u**2).subs(u, u_of_s)) == 0
# In beta = 1/T the loss is convex (its second derivative is sigmoid' * z^2 >= 0), so it has one minimum,
# and s = -log(beta) maps it to the one minimum in s: Newton or gradient steps in s find it.
beta = sp.Symbol("beta", positive=True)
convex_in_beta = sp.simplify(sp.diff(softplus_u.subs(u, beta * z), beta, 2)
                             - sigmoid(beta * z) * (1 - sigmoid(beta * z)) * z**2) == 0
TEMPERATURE_STEPS = ("derive it in steps (derivations.py, section 2): 1 name the pieces, u = z / T with T = exp(log_t); "
                     "2 the loss's derivative in u; 3 u's derivative in log_t; 4 the chain rule; 5 a mean over users")

# ═══ 3. The Brier score and its decomposition (Murphy 1973) ═════════════════════════════════════
# Brier = mean((p - y)**2). Group users into K bins with one forecast f_k each; n_k users, a fraction o_k
# of them fraud; obar the overall fraud rate. Then Brier = reliability - resolution + uncertainty:
K = 3
n = sp.symbols(f"n0:{K}", positive=True)
fk = sp.symbols(f"f0:{K}", real=True)
ok = sp.symbols(f"o0:{K}", real=True)
N_total = sum(n)
obar = sum(n[k] * ok[k] for k in range(K)) / N_total
brier_binned = sum(n[k] * (ok[k] * (fk[k] - 1) ** 2 + (1 - ok[k]) * fk[k] ** 2) for k in range(K)) / N_total
reliability = sum(n[k] * (fk[k] - ok[k]) ** 2 for k in range(K)) / N_total      # calibration: 0 if f_k = o_k
resolution = sum(n[k] * (ok[k] - obar) ** 2 for k in range(K)) / N_total         # how far bins are from the base rate
uncertainty = obar * (1 - obar)                                                   # the data's own, no model helps
brier_decomposition = sp.simplify(brier_binned - (reliability - resolution + uncertainty)) == 0

# ═══ 4. Reliability bins and the expected calibration error ═════════════════════════════════════
# Bin of p: floor(p * n_bins), except p = 1.0, whose floor is n_bins (one past the last bin): clip it.
# SymPy checks, with exact rationals, that floor picks the bin whose edges hold p, and where p = 1 lands.
floor_picks_bin = all(sp.Rational(i, nb) <= sp.Rational(j, 7 * nb) < sp.Rational(i + 1, nb)
                      for nb in range(1, 7) for j in range(7 * nb) for i in [sp.floor(sp.Rational(j, 7 * nb) * nb)])
one_lands_past_last = all(sp.floor(1 * nb) == nb for nb in range(1, 7))
# ECE weights each bin by its share of users: (n_b / N) |mean p - mean y| = |sum (p - y)| / N over the bin,
# so an empty bin adds exactly 0 (an empty sum), with no 0 / 0 anywhere.
nb_ = sp.Symbol("n_b", positive=True)
Ns = sp.Symbol("N", positive=True)
sum_p, sum_y = sp.symbols("S_p S_y", real=True)
ece_term = nb_ / Ns * sp.Abs(sum_p / nb_ - sum_y / nb_)
ece_weighted_form = sp.simplify(ece_term - sp.Abs(sum_p - sum_y) / Ns) == 0

# >>> course-only: the NumPy answers, admitted by the proofs above (kit release leaves them out)
bins_code = '''
def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    b = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)     # p = 1.0 joins the last bin
    counts = np.bincount(b, minlength=n_bins).astype(float)
    safe = np.maximum(counts, 1)                                      # an empty bin: 0 / 1 = 0
    return counts, np.bincount(b, weights=p, minlength=n_bins) / safe, np.bincount(b, weights=y, minlength=n_bins) / safe
'''
ece_code = '''
def expected_calibration_error(p, y, n_bins):
    counts, confidence, frequency = reliability_bins(p, y, n_bins)
    return np.sum(counts * np.abs(confidence - frequency)) / len(p)   # weighted by n_b / N
'''
brier_code = '''
def brier_score(p, y):
    return np.mean((np.asarray(p, dtype=float) - y) ** 2)
'''
nll_code = '''
def _scaled(z, log_t):
    return np.asarray(z, dtype=float) * np.exp(-log_t)               # u = z / T, T = exp(log_t)

def _sigmoid(u):
    e = np.exp(-np.abs(u))
    return np.where(u >= 0, 1 / (1 + e), e / (1 + e))

def temperature_nll(z, y, log_t):
    u = _scaled(z, log_t)
    nll = np.mean(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)   # softplus(u) - y u
    grad = np.mean((_sigmoid(u) - y) * -u)                                    # (sigmoid(u) - y) * du/ds
    return nll, grad
'''
fit_code = '''
def fit_log_temperature(z, y, fit):
    z, y = np.asarray(z, dtype=float)[fit], np.asarray(y, dtype=float)[fit]
    # the gradient in beta = 1/T increases (convex loss): bisect its root, then s = -log(beta)
    g = lambda b: np.mean((_sigmoid(b * z) - y) * z)
    lo, hi = 1e-8, 1.0
    while g(hi) < 0:
        hi *= 2
    for _ in range(200):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if g(mid) < 0 else (lo, mid)
    return -np.log((lo + hi) / 2)
'''
cost_code = '''
def expected_cost(p, y, threshold, c_fp, c_fn):
    flagged = np.asarray(p) >= threshold                              # a tie is flagged
    y = np.asarray(y)
    return (c_fp * np.sum(flagged & (y == 0)) + c_fn * np.sum(~flagged & (y == 1))) / len(y)
'''

REFERENCES = [
    Source("reliability_bins", bins_code, verified=floor_picks_bin and one_lands_past_last,
           formula="bin = min(floor(p * n_bins), n_bins - 1); per bin: counts, mean p (confidence), mean y "
                   "(frequency); an empty bin gives 0, 0, 0"),
    Source("expected_calibration_error", ece_code, verified=ece_weighted_form and floor_picks_bin,
           formula="ece = sum over bins of (counts / N) * |confidence - frequency|, over P(y = 1)"),
    Source("brier_score", brier_code, verified=brier_decomposition,
           formula="brier = np.mean((p - y) ** 2)   (binary: one term per user, a mean over users)"),
    Source("temperature_nll", nll_code, verified=softplus_form and stable_softplus and chain_agrees
           and dnll_du_is_residual and du_ds_is_minus_u,
           formula="nll = mean(softplus(u) - y * u), u = z / exp(log_t);  grad: " + TEMPERATURE_STEPS),
    Source("fit_log_temperature", fit_code, verified=convex_in_beta and chain_agrees and hess_form,
           formula="log_t = argmin over s of mean NLL(z[fit] / exp(s), y[fit]): steps in s = log T with your "
                   "temperature_nll's gradient (Newton: divided by the second derivative), on the fit users only"),
    Source("expected_cost", cost_code, verified=cost_table_right and expected_matches,
           formula="cost = (c_fp * #(p >= t and y == 0) + c_fn * #(p < t and y == 1)) / N"),
    Reference("best_threshold", (c_fp, c_fn), t_star,
              formula="flag when the expected cost of flagging, c_fp * (1 - p), is at most that of passing, "
                      "c_fn * p (derivations.py, section 1)"),
]
# <<< course-only

if __name__ == "__main__":
    pretty = sp.pretty
    print("1. expected cost of flagging a user:", cost_flag, "  of letting them through:", cost_pass)
    print("   they break even at t* =", t_star, "; flagging minus passing has slope", slope,
          "< 0, so flag when p >= t*:", flag_above_t_star)
    print("   a population's cost, d/dt:", dcost_dt, " = 0 at t*:", t_minimises)
    for thr, r in ratio_for.items():
        print(f"   threshold {thr} is optimal when c_fp / c_fn = {r}")
    print("   realised cost per user:", per_user_cost, " table right:", cost_table_right,
          " its mean over y ~ Bernoulli(p) is the expected cost:", expected_matches, "\n")
    print("2. NLL of one user as softplus(u) - y u:", softplus_form, "  stable softplus:", stable_softplus)
    print("   step 2: dNLL/du =", dnll_du, "= sigmoid(u) - y:", dnll_du_is_residual)
    print("   step 3: du/ds =", du_ds, "= -u:", du_ds_is_minus_u)
    print("   step 4: chain rule equals SymPy's direct derivative:", chain_agrees)
    print("   T times the gradient in T is the gradient in s:", grad_T_relation)
    print("   d2/ds2 per user:", hess_form, "  convex in beta = 1/T:", convex_in_beta, "\n")
    print("3. Brier = reliability - resolution + uncertainty, proved for K = 3 bins:", brier_decomposition, "\n")
    print("4. floor(p * n_bins) picks p's bin:", floor_picks_bin, "  p = 1.0 lands one past the last bin:",
          one_lands_past_last)
    print("   (n_b / N) |mean p - mean y| = |sum (p - y)| / N:", ece_weighted_form, "\n")
    # >>> course-only: the NumPy answers, printed for the organizer
    show(REFERENCES)
    # <<< course-only
