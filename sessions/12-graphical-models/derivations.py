"""Session 12 derivations: a Gaussian mixture's EM, an HMM's forward pass and variable elimination,
each proved by SymPy on small explicit cases, then written once in NumPy for any shape.

Run it to see each derivation:  python sessions/12-graphical-models/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Layout, everywhere: X is (N, D), one user per row. A mixture has K components: weights (K,),
means (K, D), covs (K, D, D). Responsibilities R are (N, K): row n is user n's posterior over the
components and sums to 1. An HMM has S hidden states and M symbols: log_pi (S,), log_A (S, S) with
A[i, j] = P(z_t = j | z_{t-1} = i) (rows sum to 1), log_B (S, M) with B[i, m] = P(x_t = m | z_t = i),
obs (T,) ints; log_alpha is (T, S). Everything is in nats (natural logs).
"""

import itertools

import sympy as sp

# ── 1. the Gaussian log-density, through a Cholesky factor. Σ = L L^T with L lower triangular and a
# positive diagonal; then det Σ = prod(diag L)^2 and (x-μ)^T Σ^-1 (x-μ) = ||z||^2 with L z = x - μ.
D = 2
l00, l11 = sp.symbols("l00 l11", positive=True)
l10 = sp.Symbol("l10", real=True)
L = sp.Matrix([[l00, 0], [l10, l11]])
Sigma = L * L.T
xv = sp.Matrix(sp.symbols("x0 x1", real=True))
mu = sp.Matrix(sp.symbols("mu0 mu1", real=True))
density = sp.exp(-(xv - mu).T * Sigma.inv() * (xv - mu) / 2)[0] / sp.sqrt((2 * sp.pi) ** D * Sigma.det())
log_density = sp.expand_log(sp.log(density), force=True)
z = L.LUsolve(xv - mu)                                   # forward substitution: L z = x - μ
cholesky_form = -(z.T * z)[0] / 2 - sp.log(l00) - sp.log(l11) - sp.Rational(D, 2) * sp.log(2 * sp.pi)
cholesky_proved = sp.simplify(log_density - cholesky_form) == 0
# The same through slogdet: log det Σ = 2 Σ_i log L_ii.
logdet_proved = sp.simplify(sp.log(Sigma.det()) - 2 * (sp.log(l00) + sp.log(l11))) == 0

# ── 2. log-sum-exp: log Σ_k e^{a_k} = m + log Σ_k e^{a_k - m} for ANY m; with m = max_k a_k no term
# exceeds e^0 = 1 (no overflow) and one term is exactly 1 (the sum is >= 1: no log(0)).
a = sp.symbols("a0:3", real=True)
m = sp.Symbol("m", real=True)
lse_shift_proved = sp.simplify(sp.expand_log(sp.log(sum(sp.exp(ai) for ai in a)) - (
    m + sp.log(sum(sp.exp(ai - m) for ai in a))), force=True)) == 0

# ── 3. the E-step: r_nk = π_k N(x_n | μ_k, Σ_k) / Σ_j π_j N(x_n | μ_j, Σ_j) (Bayes' rule over the
# component). With a_k = log π_k + log N(x_n | k): log r_nk = a_k - logsumexp(a), so exp of it is the ratio.
p = sp.symbols("p0:3", positive=True)                   # π_k N(x_n | k) for one user
ratio = [pk / sum(p) for pk in p]
in_logs = [sp.exp(sp.log(pk) - sp.log(sum(p))) for pk in p]
estep_proved = all(sp.simplify(r - q) == 0 for r, q in zip(ratio, in_logs)) and sp.simplify(sum(ratio) - 1) == 0

# ── 4. the M-step. Given R, maximise Q = Σ_n Σ_k r_nk (log π_k + log N(x_n | μ_k, Σ_k)) over θ.
# 4a. the weights, with the constraint Σ_k π_k = 1: a Lagrangian, N_k = Σ_n r_nk.
K = 3
pi = sp.symbols("pi0:3", positive=True)
Nk = sp.symbols("N0:3", positive=True)
lam = sp.Symbol("lambda", real=True)
lagrangian = sum(Nk[k] * sp.log(pi[k]) for k in range(K)) + lam * (1 - sum(pi))
stationary = sp.solve([sp.diff(lagrangian, v) for v in (*pi, lam)], [*pi, lam], dict=True)
weights_solution = stationary[0]
weights_proved = (len(stationary) == 1 and weights_solution[lam] == sum(Nk)
                  and all(sp.simplify(weights_solution[pi[k]] - Nk[k] / sum(Nk)) == 0 for k in range(K)))
# Σ_k N_k = Σ_n Σ_k r_nk = N, since each row of R sums to 1: so π_k = N_k / N.

# 4b. the mean of one component, 1-D, three users: dQ/dμ = 0 gives the responsibility-weighted mean.
n_pts = 3
xs = sp.symbols("x0:3", real=True)
rs = sp.symbols("r0:3", positive=True)
m1, s2 = sp.Symbol("mu", real=True), sp.Symbol("s2", positive=True)
Q1 = sum(rs[n] * (-(xs[n] - m1) ** 2 / (2 * s2) - sp.log(2 * sp.pi * s2) / 2) for n in range(n_pts))
mean_solution = sp.solve(sp.diff(Q1, m1), m1)[0]
mean_proved = sp.simplify(mean_solution - sum(r * x for r, x in zip(rs, xs)) / sum(rs)) == 0
# 4c. its variance: dQ/d(s2) = 0 gives Σ r_n (x_n - μ)^2 / N_k: divided by N_k, not N or N - 1.
var_solution = sp.solve(sp.diff(Q1, s2), s2)[0]
var_proved = sp.simplify(var_solution - sum(r * (x - m1) ** 2 for r, x in zip(rs, xs)) / sum(rs)) == 0
# 4d. the full covariance, in D = 2, through the precision Λ = Σ^-1 (symmetric): Q's Σ-part is
# (N_k / 2) log det Λ - (1/2) tr(Λ S), S = Σ_n r_nk (x_n - μ_k)(x_n - μ_k)^T. At Λ = (S / N_k)^-1 every
# partial derivative vanishes, so Σ_k = S / N_k.
q00, q01, q11, s00, s01, s11 = sp.symbols("q00 q01 q11 s00 s01 s11", real=True)
nk = sp.Symbol("N_k", positive=True)
Lam = sp.Matrix([[q00, q01], [q01, q11]])
Sc = sp.Matrix([[s00, s01], [s01, s11]])
Qcov = nk / 2 * sp.log(Lam.det()) - (Lam * Sc).trace() / 2
at_solution = dict(zip((q00, q01, q11), ((Sc / nk).inv()[0, 0], (Sc / nk).inv()[0, 1], (Sc / nk).inv()[1, 1])))
cov_proved = all(sp.simplify(sp.diff(Qcov, q).subs(at_solution)) == 0 for q in (q00, q01, q11))

# ── 5. the HMM forward recursion: α_t(j) = P(x_1..x_t, z_t = j) = B[j, x_t] Σ_i α_{t-1}(i) A[i, j],
# α_1(j) = π_j B[j, x_1]; P(x_1..x_T) = Σ_j α_T(j). Proved against the sum over all S^T hidden paths.
S_, T_ = 2, 3
pi_h = sp.symbols("pi0:2", positive=True)
A_h = sp.Matrix(S_, S_, lambda i, j: sp.Symbol(f"A{i}{j}", positive=True))
obs_h = (0, 1, 1)
B_h = sp.Matrix(S_, 2, lambda i, k: sp.Symbol(f"B{i}{k}", positive=True))
alpha = [sp.Matrix(1, S_, lambda _, j: pi_h[j] * B_h[j, obs_h[0]])]
for t in range(1, T_):
    alpha.append(sp.Matrix(1, S_, lambda _, j: B_h[j, obs_h[t]] * sum(alpha[-1][i] * A_h[i, j] for i in range(S_))))
paths = sum(pi_h[zs[0]] * B_h[zs[0], obs_h[0]] * sp.prod([A_h[zs[t - 1], zs[t]] * B_h[zs[t], obs_h[t]]
                                                          for t in range(1, T_)])
            for zs in itertools.product(range(S_), repeat=T_))
forward_proved = sp.expand(sum(alpha[-1]) - paths) == 0
# In logs: log α_t(j) = log B[j, x_t] + logsumexp_i(log α_{t-1}(i) + log A[i, j]) (step 2's identity).
la = sp.symbols("la0:2", real=True)
log_step = sp.log(B_h[0, 1]) + sp.log(sum(sp.exp(la[i] + sp.log(A_h[i, 0])) for i in range(S_)))
prob_step = B_h[0, 1] * sum(sp.exp(la[i]) * A_h[i, 0] for i in range(S_))
log_forward_proved = sp.simplify(sp.exp(log_step) - prob_step) == 0

# ── 6. variable elimination on the fraud network: region → fraud, fraud → tickets, fraud → chargeback.
# P(r, f, t, c) = P(r) P(f | r) P(t | f) P(c | f). The query P(region | tickets = t, chargeback = c):
# enumeration sums the joint over f; elimination pushes the sum inside: P(r) Σ_f P(f|r) P(t|f) P(c|f),
# and an unobserved tickets node sums to 1 (a barren node), so it drops out.
R_, F_, T3 = 2, 2, 3
pr = sp.symbols("pr0:2", positive=True)
pf = sp.Matrix(R_, F_, lambda r, f: sp.Symbol(f"pf{r}{f}", positive=True))
pt = sp.Matrix(F_, T3, lambda f, t: sp.Symbol(f"pt{f}{t}", positive=True))
pc = sp.Matrix(F_, 2, lambda f, c: sp.Symbol(f"pc{f}{c}", positive=True))
joint = lambda r, f, t, c: pr[r] * pf[r, f] * pt[f, t] * pc[f, c]  # noqa: E731
t_obs, c_obs = 1, 1
enumerated = [sum(joint(r, f, t_obs, c_obs) for f in range(F_)) for r in range(R_)]
enumerated = [e / sum(enumerated) for e in enumerated]
message = [sum(pf[r, f] * pt[f, t_obs] * pc[f, c_obs] for f in range(F_)) for r in range(R_)]
eliminated = [pr[r] * message[r] / sum(pr[q] * message[q] for q in range(R_)) for r in range(R_)]
elimination_proved = all(sp.simplify(e - v) == 0 for e, v in zip(enumerated, eliminated))
# tickets unobserved: summing the joint over t too gives the same as leaving P(t | f) out, once Σ_t P(t|f) = 1.
rows_sum_to_one = {pt[f, T3 - 1]: 1 - sum(pt[f, t] for t in range(T3 - 1)) for f in range(F_)}
no_tickets_enum = [sum(joint(r, f, t, c_obs) for f in range(F_) for t in range(T3)).subs(rows_sum_to_one)
                   for r in range(R_)]
no_tickets_elim = [pr[r] * sum(pf[r, f] * pc[f, c_obs] for f in range(F_)) for r in range(R_)]
barren_proved = all(sp.simplify(e - v) == 0 for e, v in zip(no_tickets_enum, no_tickets_elim))

# >>> course-only: the NumPy answers, each admitted by the derivation above (kit release leaves them out)
from kit.symbolic import Source, show

MSTEP_STEPS = ("derive it in steps (derivations.py, step 4): (a) the weights maximise Σ_k N_k log π_k under "
               "Σ_k π_k = 1 (a Lagrangian; N_k = R.sum(axis=0)); (b) the means set dQ/dμ_k = 0; (c) the "
               "covariances set dQ/dΣ_k = 0 at the NEW means")

gaussian_code = '''
def gaussian_log_density(X, mean, cov):
    X, mean, cov = (np.asarray(v, dtype=float) for v in (X, mean, cov))
    L = np.linalg.cholesky(cov)                        # raises LinAlgError (a ValueError) unless cov is PD
    z = np.linalg.solve(L, (X - mean).T)               # (D, N): L z = x - mean, one column per user
    D = mean.shape[0]
    return -0.5 * np.sum(z**2, axis=0) - np.sum(np.log(np.diag(L))) - 0.5 * D * np.log(2 * np.pi)
'''
logsumexp_code = '''
def _logsumexp(a, axis):
    m = np.max(a, axis=axis, keepdims=True)
    return np.squeeze(m, axis=axis) + np.log(np.sum(np.exp(a - m), axis=axis))
'''
joint_code = '''
def _log_joint(X, weights, means, covs):
    return np.column_stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k])
                            for k in range(len(weights))])          # (N, K): log π_k + log N(x_n | k)
'''
estep_code = '''
def e_step(X, weights, means, covs):
    a = _log_joint(X, weights, means, covs)
    return np.exp(a - _logsumexp(a, axis=1)[:, None])   # (N, K), each row sums to 1
'''
mstep_code = '''
def m_step(X, R):
    X, R = np.asarray(X, dtype=float), np.asarray(R, dtype=float)
    Nk = R.sum(axis=0)                                   # (K,): the effective number of users per component
    means = (R.T @ X) / Nk[:, None]                      # (K, D)
    covs = np.stack([((R[:, k, None] * (X - means[k])).T @ (X - means[k])) / Nk[k] for k in range(len(Nk))])
    return Nk / len(X), means, covs
'''
loglik_code = '''
def gmm_log_likelihood(X, weights, means, covs):
    return float(np.sum(_logsumexp(_log_joint(X, weights, means, covs), axis=1)))
'''
hmm_code = '''
def hmm_forward(log_pi, log_A, log_B, obs):
    log_pi, log_A, log_B = (np.asarray(v, dtype=float) for v in (log_pi, log_A, log_B))
    obs = np.asarray(obs)
    log_alpha = np.zeros((len(obs), len(log_pi)))
    log_alpha[0] = log_pi + log_B[:, obs[0]]
    for t in range(1, len(obs)):                         # column j: logsumexp over i of log α(i) + log A[i, j]
        log_alpha[t] = log_B[:, obs[t]] + _logsumexp(log_alpha[t - 1][:, None] + log_A, axis=0)
    return log_alpha, float(_logsumexp(log_alpha[-1], axis=0))
'''
enumeration_code = '''
def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    import itertools
    R, F, T = len(p_region), p_fraud.shape[1], p_tickets.shape[1]
    post = np.zeros(R)
    for r, f, t in itertools.product(range(R), range(F), range(T)):   # every full assignment: brute force
        if tickets is None or t == tickets:
            post[r] += p_region[r] * p_fraud[r, f] * p_tickets[f, t] * p_chargeback[f, chargeback]
    return post / post.sum()
'''
REFERENCES = [
    Source("gaussian_log_density", gaussian_code, verified=cholesky_proved and logdet_proved,
           formula="L = cholesky(cov); z solves L z = x - mean; log p = -0.5 * sum(z**2) - sum(log(diag(L))) "
                   "- 0.5 * D * log(2 pi)   (log det cov = 2 sum(log(diag(L))))"),
    Source("_logsumexp", logsumexp_code, verified=lse_shift_proved, formula="m + log(sum(exp(a - m))), m = max(a)"),
    Source("_log_joint", joint_code, verified=cholesky_proved, formula="a[n, k] = log(weights[k]) + log N(x_n | k)"),
    Source("e_step", estep_code, verified=estep_proved and lse_shift_proved,
           formula="a[n, k] = log(weights[k]) + log N(x_n | mean_k, cov_k);  R = exp(a - logsumexp(a, axis=1)), "
                   "shape (N, K), rows sum to 1"),
    Source("m_step", mstep_code, verified=weights_proved and mean_proved and var_proved and cov_proved,
           formula=MSTEP_STEPS),
    Source("gmm_log_likelihood", loglik_code, verified=lse_shift_proved and cholesky_proved,
           formula="sum over n of logsumexp_k(log(weights[k]) + log N(x_n | k))   (a sum, in nats)"),
    Source("hmm_forward", hmm_code, verified=forward_proved and log_forward_proved and lse_shift_proved,
           formula="log_alpha[0] = log_pi + log_B[:, obs[0]];  log_alpha[t, j] = log_B[j, obs[t]] + "
                   "logsumexp_i(log_alpha[t-1, i] + log_A[i, j]);  log-likelihood = logsumexp(log_alpha[-1])"),
    Source("region_posterior", enumeration_code, verified=elimination_proved and barren_proved,
           formula="P(r | evidence) ∝ p_region[r] * Σ_f p_fraud[r, f] * p_tickets[f, t] * p_chargeback[f, c]  "
                   "(drop p_tickets when tickets is None), normalised over r"),
]
# <<< course-only

if __name__ == "__main__":
    print("log N(x | μ, Σ) with Σ = L L^T equals the Cholesky form:", cholesky_proved, "  log det:", logdet_proved)
    print("log-sum-exp shift by any m:", lse_shift_proved, "   E-step in logs:", estep_proved)
    print("weights from the Lagrangian:", weights_solution, " → π_k = N_k / N:", weights_proved)
    print("mean:", mean_solution, mean_proved, "\nvariance:", var_solution, var_proved)
    print("covariance S / N_k is stationary in the precision:", cov_proved)
    print("HMM forward = sum over all", S_ ** T_, "paths:", forward_proved, "  in logs:", log_forward_proved)
    print("elimination = enumeration:", elimination_proved, "  barren tickets node:", barren_proved, "\n")
    # >>> course-only: the references above, printed (kit release leaves them out)
    show(REFERENCES)
    # <<< course-only
