"""Session 09 derivations: reweighting a sample toward a population, each result proved by SymPy.

Run it to see each derivation:  python sessions/09-reweighting/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Layout, everywhere: X is (N, D), one user per row, used AS GIVEN (no intercept column is added:
a caller who wants one appends a column of ones). y, weights and probabilities are 1-D, length N.
Weights are raw, non-negative numbers: they need not sum to 1 or average 1. Wherever a weighted
result should not depend on that scale (a weighted mean, a weighted loss), it divides by sum(w).
"""

import sympy as sp

# ── 1. importance weighting: E_q[f] = E_p[(q/p) f] ────────────────────────────────────────────────
# On K outcomes with probabilities p_k > 0 (where the sample comes from) and q_k (where we want to be):
K = 4
p = sp.symbols(f"p0:{K}", positive=True)
q = sp.symbols(f"q0:{K}", nonnegative=True)
f = sp.symbols(f"f0:{K}", real=True)
E_q = sum(q[k] * f[k] for k in range(K))                          # what we want
E_p_weighted = sum(p[k] * (q[k] / p[k]) * f[k] for k in range(K))  # what a sample from p can estimate
importance_identity = sp.simplify(E_q - E_p_weighted) == 0
# The same on densities: p = N(0, 1), q = N(mu, 1), f(x) = x: the weighted mean under p is mu.
x, mu = sp.symbols("x mu", real=True)
normal = lambda m: sp.exp(-(x - m) ** 2 / 2) / sp.sqrt(2 * sp.pi)   # noqa: E731
ratio = sp.powsimp(sp.expand(normal(mu) / normal(0)))             # q/p = exp(mu x - mu^2/2)
importance_gaussian = sp.simplify(sp.integrate(normal(0) * ratio * x, (x, -sp.oo, sp.oo)) - mu) == 0
# The weights average 1 under p (E_p[q/p] = 1): they are raw, not normalised, and that is why a
# self-normalised estimate divides by sum(w) instead of N.
weights_average_one = sp.simplify(sp.integrate(normal(0) * ratio, (x, -sp.oo, sp.oo)) - 1) == 0

# ── 2. weighted least squares: minimise sum_n w_n (y_n - x_n . theta)^2 ─────────────────────────────
N, D = 3, 2
X = sp.Matrix(N, D, lambda n, j: sp.Symbol(f"x{n}{j}", real=True))
y = sp.Matrix(N, 1, lambda n, _: sp.Symbol(f"y{n}", real=True))
w = sp.Matrix(N, 1, lambda n, _: sp.Symbol(f"w{n}", nonnegative=True))
theta = sp.Matrix(D, 1, lambda j, _: sp.Symbol(f"theta{j}", real=True))
W = sp.diag(*w)
r = y - X * theta                                                 # residuals (N, 1)
wls_loss = sum(w[n] * r[n] ** 2 for n in range(N))
wls_grad = sp.Matrix([sp.diff(wls_loss, t) for t in theta])       # SymPy, entry by entry
# ∂/∂θ = -2 Xᵀ W (y - X θ) = 0  ⇔  (Xᵀ W X) θ = Xᵀ W y: the normal equations with W = diag(w)
normal_equations = sp.expand(wls_grad - (-2 * X.T * W * r)) == sp.zeros(D, 1)
# Scaling each row by sqrt(w) gives the same loss as an ordinary least squares: ONE sqrt, on X and y.
Xs, ys = sp.diag(*[sp.sqrt(v) for v in w]) * X, sp.diag(*[sp.sqrt(v) for v in w]) * y
sqrt_rows = sp.expand(((ys - Xs * theta).T * (ys - Xs * theta))[0] - wls_loss) == 0
# An integer weight is a duplicated row: weight 2 on row 0 is row 0 written twice (loss and all).
dup_X, dup_y = X.col_join(X[0, :]), y.col_join(y[0, :])
dup_loss = sum((dup_y[n] - (dup_X[n, :] * theta)[0]) ** 2 for n in range(N + 1))
duplicates = sp.expand(dup_loss - wls_loss.subs({w[0]: 2, w[1]: 1, w[2]: 1})) == 0
# Multiplying every weight by c > 0 leaves the normal equations' solution alone (both sides scale by c).
c = sp.Symbol("c", positive=True)
scale_free = sp.expand((X.T * (c * W) * X) * theta - X.T * (c * W) * y - c * (X.T * W * X * theta - X.T * W * y)) \
    == sp.zeros(D, 1)

# ── 3. the weighted cross-entropy of a logistic model, and its gradient ─────────────────────────────
# One user: z = x . theta, p = sigmoid(z), labels y in {0, 1}; per-row loss l = -(y log p + (1-y) log(1-p)).
z, yy = sp.symbols("z y", real=True)
sig = 1 / (1 + sp.exp(-z))
row_loss = -(yy * sp.log(sig) + (1 - yy) * sp.log(1 - sig))
# The stable form: l = log(1 + e^z) - y z  (np.logaddexp(0, z) - y * z never overflows).
stable_row = sp.log(1 + sp.exp(z)) - yy * z
stable_proved = sp.simplify(sp.expand_log(row_loss - stable_row, force=True)) == 0
# Step by step, for the exercise's feedback: (1) dl/dp, (2) dp/dz, (3) their product, (4) dz/dtheta = x.
P = sp.Symbol("p", positive=True)
step1 = sp.diff(-(yy * sp.log(P) + (1 - yy) * sp.log(1 - P)), P)  # -y/p + (1-y)/(1-p)
step2 = sp.simplify(sp.diff(sig, z) - sig * (1 - sig)) == 0      # dp/dz = p (1 - p)
step3 = sp.simplify(step1 * P * (1 - P) - (P - yy)) == 0           # dl/dz = p - y
dl_dz = sp.simplify(sp.diff(row_loss, z))
row_gradient = sp.simplify(dl_dz - (sig - yy)) == 0                # SymPy agrees with the chain of steps
# A batch: L(theta) = sum_n w_n l_n / sum_n w_n  (divided by the total WEIGHT, not by N).
Y = sp.Matrix(N, 1, lambda n, _: sp.Symbol(f"y{n}", real=True))
zs = X * theta
L = sum(w[n] * row_loss.subs({z: zs[n], yy: Y[n]}) for n in range(N)) / sum(w)
dL = sp.Matrix([sp.diff(L, t) for t in theta])
ps = sp.Matrix([sig.subs(z, zs[n]) for n in range(N)])
general_grad = X.T * W * (ps - Y) / sum(w)                          # Xᵀ (w * (p - y)) / sum(w), shape (D,)
numbers = {**{s: v for s, v in zip(X, [0.3, -1.2, 0.8, 0.5, -0.7, 2.0])}, **{s: v for s, v in zip(Y, [1, 0, 1])},
           **{s: v for s, v in zip(w, [0.5, 2.0, 3.0])}, theta[0]: 0.4, theta[1]: -0.9}
batch_gradient = (row_gradient and step3 and
                  all(abs(sp.N(e)) < 1e-12 for e in (dL - general_grad).subs(numbers)) and
                  sp.simplify((dL - general_grad).subs({Y[0]: 1, Y[1]: 0, Y[2]: 1, w[0]: 1, w[1]: 2, w[2]: 3})
                              .subs({theta[0]: 0, theta[1]: 0})) == sp.zeros(D, 1))
# Integer weights again mean duplicated rows: w = (2, 1, 1) is row 0 twice, averaged over 4 rows.
dup_L = (2 * row_loss.subs({z: zs[0], yy: Y[0]}) + row_loss.subs({z: zs[1], yy: Y[1]})
         + row_loss.subs({z: zs[2], yy: Y[2]})) / 4
ce_duplicates = sp.simplify(L.subs({w[0]: 2, w[1]: 1, w[2]: 1}) - dup_L) == 0

# ── 4. density-ratio weights from a domain classifier, by Bayes' rule ──────────────────────────────
# Pool n_s source users (label 0) and n_t target users (label 1); a classifier estimates
# c(x) = P(target | x). We want w(x) = p_t(x) / p_s(x), the ratio of the two densities.
ps_x, pt_x, ns, nt = sp.symbols("p_s p_t n_s n_t", positive=True)
prior_t, prior_s = nt / (ns + nt), ns / (ns + nt)                 # step 3: priors from the pooled counts
evidence = prior_t * pt_x + prior_s * ps_x                         # p(x) in the pool
c_of_x = prior_t * pt_x / evidence                                 # step 1: Bayes' rule for P(target | x)
odds = sp.simplify(c_of_x / (1 - c_of_x))                          # step 2: the odds cancel p(x)
density_ratio = sp.simplify(odds * ns / nt - pt_x / ps_x) == 0     # odds · n_s/n_t = p_t / p_s
without_prior = sp.simplify(odds - pt_x / ps_x)                    # what is left if n_s/n_t is forgotten
prior_matters = sp.simplify(without_prior - (nt / ns - 1) * pt_x / ps_x) == 0   # zero only when n_s = n_t

# ── 5. the effective sample size (Kish): (sum w)^2 / sum w^2 ──────────────────────────────────────
# The weighted mean m = sum w_n v_n / sum w_n of independent v_n with variance s^2 has variance
# s^2 sum w_n^2 / (sum w_n)^2. An unweighted mean of n_eff values has s^2 / n_eff: solve for n_eff.
s2, n_eff = sp.symbols("sigma2 n_eff", positive=True)
wk = sp.symbols("w0:4", positive=True)
var_weighted = s2 * sum(v ** 2 for v in wk) / sum(wk) ** 2          # Var(sum a_n v_n) = s^2 sum a_n^2
kish = sp.solve(sp.Eq(var_weighted, s2 / n_eff), n_eff)[0]
kish_proved = sp.simplify(kish - sum(wk) ** 2 / sum(v ** 2 for v in wk)) == 0
kish_equal = sp.simplify(kish.subs({v: 1 for v in wk}) - len(wk)) == 0          # equal weights: N
kish_scale = sp.simplify(kish.subs({v: c * v for v in wk}, simultaneous=True) - kish) == 0   # any scale

# ── 6. raking (iterative proportional fitting) to two margins ─────────────────────────────────────
# Find weights w close to the start w0 (least KL divergence sum w log(w/w0) - w + w0) whose totals
# per region r and per age band g are the targets R_r and A_g. A 2 x 2 table, cells (r, g):
w0 = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"u{i}{j}", positive=True))
wc = sp.Matrix(2, 2, lambda i, j: sp.Symbol(f"v{i}{j}", positive=True))
lr_, lg_ = sp.symbols("alpha0:2", real=True), sp.symbols("beta0:2", real=True)
R, A = sp.symbols("R0:2", positive=True), sp.symbols("A0:2", positive=True)
lagrangian = (sum(wc[i, j] * sp.log(wc[i, j] / w0[i, j]) - wc[i, j] for i in range(2) for j in range(2))
              - sum(lr_[i] * (sum(wc[i, j] for j in range(2)) - R[i]) for i in range(2))
              - sum(lg_[j] * (sum(wc[i, j] for i in range(2)) - A[j]) for j in range(2)))
stationary = {wc[i, j]: sp.solve(sp.diff(lagrangian, wc[i, j]), wc[i, j])[0] for i in range(2) for j in range(2)}
# Every solution is the start times one factor per region times one factor per age band: what IPF keeps.
multiplicative = all(sp.simplify(stationary[wc[i, j]] - w0[i, j] * sp.exp(lr_[i]) * sp.exp(lg_[j])) == 0
                     for i in range(2) for j in range(2))
# One rescaling step w <- w * R_r / (current total of region r) meets the region totals exactly,
# and multiplies each cell by a per-region factor, so the form above is kept at every step.
row_step = sp.Matrix(2, 2, lambda i, j: w0[i, j] * R[i] / sum(w0[i, k] for k in range(2)))
step_meets_margin = all(sp.simplify(sum(row_step[i, j] for j in range(2)) - R[i]) == 0 for i in range(2))

# >>> course-only: the NumPy answers, each admitted by the derivation above (kit release leaves them out)
from kit.symbolic import Source, show

wls_code = '''
def weighted_least_squares(X, y, weights):
    X, y, w = (np.asarray(a, dtype=float) for a in (X, y, weights))
    return np.linalg.solve(X.T @ (w[:, None] * X), X.T @ (w * y))   # (X^T W X) theta = X^T W y
'''
ce_code = '''
def weighted_cross_entropy(theta, X, y, weights):
    w = np.asarray(weights, dtype=float)
    if not w.sum() > 0:
        raise ValueError("the weights sum to 0: a weighted mean needs some weight")
    z = np.asarray(X, dtype=float) @ np.asarray(theta, dtype=float)
    return np.sum(w * (np.logaddexp(0.0, z) - y * z)) / w.sum()     # sum_n w_n l_n / sum_n w_n
'''
ce_grad_code = '''
def weighted_cross_entropy_grad(theta, X, y, weights):
    X, w = np.asarray(X, dtype=float), np.asarray(weights, dtype=float)
    if not w.sum() > 0:
        raise ValueError("the weights sum to 0: a weighted mean needs some weight")
    z = X @ np.asarray(theta, dtype=float)
    p = np.exp(-np.logaddexp(0.0, -z))                              # sigmoid(z), no overflow
    return X.T @ (w * (p - y)) / w.sum()                            # (D,): shape of theta
'''
ratio_code = '''
def density_ratio_weights(p_target, n_source, n_target):
    c = np.asarray(p_target, dtype=float)
    if np.any(c < 0) or np.any(c >= 1):
        raise ValueError("P(target | x) must lie in [0, 1): at 1 the ratio is infinite")
    return c / (1 - c) * (n_source / n_target)                      # odds times the prior ratio
'''
ess_code = '''
def effective_sample_size(weights):
    w = np.asarray(weights, dtype=float)
    if not np.sum(w ** 2) > 0:
        raise ValueError("all weights are 0: no user counts, so there is no sample size")
    return np.sum(w) ** 2 / np.sum(w ** 2)                          # Kish: (sum w)^2 / sum w^2
'''
residual_code = '''
def rake_residual(weights, region, age_band, region_totals, age_totals):
    got_r = np.bincount(region, weights=weights, minlength=len(region_totals))
    got_a = np.bincount(age_band, weights=weights, minlength=len(age_totals))
    return max(np.max(np.abs(got_r - region_totals)), np.max(np.abs(got_a - age_totals)))
'''
rake_code = '''
def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    w = np.array(weights, dtype=float)
    R, A = np.asarray(region_totals, dtype=float), np.asarray(age_totals, dtype=float)
    if not np.isclose(R.sum(), A.sum()):
        raise ValueError("the region totals and the age totals must add up to the same population")
    for codes, totals in ((region, R), (age_band, A)):
        present = np.bincount(codes, weights=(w > 0).astype(float), minlength=len(totals))
        if np.any((totals > 0) & (present == 0)):
            raise ValueError("a category with a positive target has no user with positive weight")
    for step in range(max_steps + 1):
        if step == max_steps or rake_residual(w, region, age_band, R, A) <= tol:
            return w, step
        for codes, totals in ((region, R), (age_band, A)):            # regions first, then age bands
            current = np.bincount(codes, weights=w, minlength=len(totals))
            w = w * (totals / np.where(current > 0, current, 1.0))[codes]
'''

REFERENCES = [
    Source("weighted_least_squares", wls_code, verified=normal_equations and sqrt_rows and duplicates and scale_free,
           formula="solve (X.T @ W @ X) theta = X.T @ W @ y with W = diag(weights); X as given, no intercept added"),
    Source("weighted_cross_entropy", ce_code, verified=stable_proved and ce_duplicates,
           formula="loss = sum(w * (np.logaddexp(0, z) - y * z)) / sum(w),  z = X @ theta"),
    Source("weighted_cross_entropy_grad", ce_grad_code, verified=batch_gradient and step2,
           formula=("the gradient, step by step (derivations.py, section 3): (1) dl/dp for one row; (2) dp/dz for "
                    "p = sigmoid(z); (3) their product dl/dz; (4) dz/dtheta = x_n, each row weighted by w_n and the "
                    "sum divided by sum(w), as in the loss")),
    Source("density_ratio_weights", ratio_code, verified=density_ratio and prior_matters,
           formula=("w(x) = p_t(x) / p_s(x) from c = P(target | x), by Bayes' rule (derivations.py, section 4): "
                    "(1) c in terms of p_t, p_s and the priors; (2) the odds c / (1 - c), where p(x) cancels; "
                    "(3) the priors from the pooled counts n_source, n_target")),
    Source("effective_sample_size", ess_code, verified=kish_proved and kish_equal and kish_scale,
           formula="n_eff = sum(w)**2 / sum(w**2)   (Kish); all-zero weights raise ValueError"),
    Source("rake_residual", residual_code, verified=step_meets_margin,
           formula="max |total - target| over the regions and the age bands"),
    Source("rake", rake_code, verified=multiplicative and step_meets_margin,
           formula=("each sweep: w *= (region_totals / current region totals)[region], then the same for age_band; "
                    "stop when max |total - target| <= tol over both variables, or after max_steps sweeps")),
]
# <<< course-only

if __name__ == "__main__":
    print("1. importance weighting, E_q[f] = E_p[(q/p) f] on", K, "outcomes:", importance_identity)
    print("   p = N(0,1), q = N(mu,1): q/p =", ratio, "; E_p[(q/p) x] = mu:", importance_gaussian,
          "; E_p[q/p] = 1:", weights_average_one, "\n")
    print("2. weighted least squares, dL/dtheta_0 (SymPy):\n", sp.pretty(sp.factor_terms(wls_grad[0])), sep="")
    print("   = -2 X^T W (y - X theta), so the normal equations (X^T W X) theta = X^T W y:", normal_equations)
    print("   sqrt(w) on the rows of X and y (once) gives the same loss:", sqrt_rows)
    print("   weight 2 on a row = that row twice:", duplicates, "  weights times c, same theta:", scale_free, "\n")
    print("3. cross-entropy of one row, l(z, y) =", row_loss, "\n   stable form log(1 + e^z) - y z:", stable_proved)
    print("   step 1 dl/dp =", sp.simplify(step1), "  step 2 dp/dz = p (1 - p):", step2,
          "  step 3 dl/dz = p - y:", step3)
    print("   the batch gradient of sum w l / sum w is X^T (w (p - y)) / sum w:", batch_gradient,
          "  integer weights = duplicates:", ce_duplicates, "\n")
    print("4. Bayes: P(target | x) =", sp.simplify(c_of_x), "\n   its odds =", odds)
    print("   odds * n_s / n_t = p_t / p_s:", density_ratio, "  forgetting n_s/n_t is off by n_t/n_s:", prior_matters, "\n")
    print("5. Kish: Var(weighted mean) = s^2 / n_eff gives n_eff =", kish, ":", kish_proved,
          "  equal weights give N:", kish_equal, "  scale-free:", kish_scale, "\n")
    print("6. raking: the stationary point of the KL Lagrangian, cell (0, 0):", stationary[wc[0, 0]])
    print("   a start weight times a region factor times an age factor:", multiplicative,
          "  one rescaling meets its margin:", step_meets_margin, "\n")
    # >>> course-only: the references above, printed (kit release leaves them out)
    show(REFERENCES)
    # <<< course-only
