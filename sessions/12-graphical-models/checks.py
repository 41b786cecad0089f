"""Checks for session 12: a Gaussian mixture's EM, an HMM's forward pass, variable elimination.

Expected values come from derivations.py (via kit.derive), never from solutions/. The probes are
built so that the cases the conventions part on always occur: points 1000 units from every component
(every density is 0.0 in float64: probability-space code takes log(0) or 0/0), an HMM sequence long
enough that the unscaled alpha underflows on every seed (each emission probability <= 0.4, T = 900),
a singular and an indefinite covariance, evidence of probability 0. EM's log-likelihood is computed
kit-side on the rounds the learner's own e_step and m_step make (kit/kinds/monotone.py); the
elimination query is compared with brute-force enumeration of the joint (the reference).
"""

import numpy as np

from kit.declare import Declare, unchanged
from kit.judges import Case
from kit.kinds.monotone import iterate_helper, never_worse, rounds
from kit.kinds.refuses import refuses
from kit.kinds.rowwise import axis_mistakes
from kit.kinds.stable_form import stable_form

HELPERS = iterate_helper("_em_rounds", "m_step(data, e_step(data, *theta))")
LOG_SPACE = ("stay in log space: 1000 units away every density is 0.0 in float64 (log(0) = -inf, 0 / 0 = nan); keep "
             "log N(x | k) from the Cholesky factor and combine with a log-sum-exp, m + log(sum(exp(a - m))), m = max")
HMM_LOG = ("unscaled alpha underflows to 0.0 here (900 steps, each emission <= 0.4): stay in log space, "
           "log_alpha[t] = log_B[:, obs[t]] + logsumexp over i of (log_alpha[t-1][:, None] + log_A), axis=0")
STEP = "derivations.py, step 4{}: "
COPY = "build new arrays; writing into the caller's arrays (X -= mean, R /= ...) changes them"
LOG2PI = np.log(2 * np.pi)


def probs(rng, shape, floor=0.1):
    """Rows of probabilities to 2 decimals, each entry >= floor / columns, each row summing to exactly 1."""
    p = np.round(rng.dirichlet(np.full(shape[-1], 2.0), size=shape[:-1]) * (1 - floor) + floor / shape[-1], 2)
    p[..., -1] = np.round(1 - p[..., :-1].sum(axis=-1), 2)
    return p


def mixture(rng, K, D, N):
    """(X, weights, means, covs): N users drawn from a random K-component mixture in D dimensions."""
    means, A = np.round(rng.uniform(-6, 6, (K, D)), 2), rng.normal(size=(K, D, D))
    covs = np.round(A @ A.transpose(0, 2, 1) / D + 0.5 * np.eye(D), 2)
    weights, z = probs(rng, (K,), 0.6), rng.permutation(np.arange(N) % K)       # every component has users
    noise = np.einsum("nij,nj->ni", np.linalg.cholesky(covs)[z], rng.normal(size=(N, D)))
    return np.round(means[z] + noise, 2), weights, means, covs


def far(rng, X, means):
    """X with three users 1000 units from every component (log-densities below -1e5)."""
    return np.vstack([X, means[0] + 1000.0 * rng.choice([-1.0, 1.0], (3, X.shape[1]))])


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/12-graphical-models/derivations.py")
    joint, lse, estep = refs["_log_joint"], refs["_logsumexp"], refs["e_step"]
    mixes = [mixture(rng, 3, 2, 14), mixture(rng, 2, 3, 10), mixture(rng, 1, 2, 5)]

    # ── gaussian_log_density(X, mean, cov) ──────────────────────────────────
    def gauss_mistakes(X, mean, cov):
        diff, c = X - mean, 0.5 * len(mean) * LOG2PI
        q, qc = (np.sum(diff @ M * diff, axis=1) for M in (np.linalg.inv(cov), cov))   # qc: cov, not its inverse
        ld = np.linalg.slogdet(cov)[1]
        return [("log det cov without its 1/2", -0.5 * q - ld - c, "log N has -0.5 * log det cov"),
                ("the quadratic form without its 1/2", -q - 0.5 * ld - c, "log N has -0.5 * (x - mean) @ inv(cov) @ ..."),
                ("cov where its inverse belongs in the quadratic form", -0.5 * (qc + ld) - c, "solve L z = x - mean"),
                ("log(2 pi) counted once instead of D / 2 times", -0.5 * (q + ld + LOG2PI), "-0.5 * D * log(2 pi)"),
                ("the log(2 pi) term left out", -0.5 * (q + ld), "-0.5 * D * log(2 pi) is part of log N")]

    g_style = d.style("gaussian_log_density", ("X", "mean", "cov"), elementwise=False, mistakes=gauss_mistakes)
    g_ord = d.cases("gaussian_log_density", ("6 users in D = 3", (mixes[1][0][:6], mixes[1][2][0], mixes[1][3][0])),
                    ("14 users in D = 2", (mixes[0][0], mixes[0][2][1], mixes[0][3][1])))
    X2, mu2, S2 = mixes[0][0], mixes[0][2][0], mixes[0][3][0]
    singular = [Case((X2[:4], mu2, np.array(c)), f"a {w} covariance", None) for w, c in [
        ("singular (a feature of variance 0)", [[2.0, 0.0], [0.0, 0.0]]), ("singular (rank 1)", [[1.0, 2.0], [2.0, 4.0]]),
        ("not positive definite (eigenvalues 3 and -1)", [[1.0, 2.0], [2.0, 1.0]])]]
    gaussian = d.exercise("gaussian_log_density", g_style, {
        "values": g_ord,
        "shapes": g_ord[:1] + d.cases("gaussian_log_density", ("one feature (D = 1)", (X2[:5, :1], mu2[:1], S2[:1, :1])),
                                      ("one user (N = 1)", (X2[:1], mu2, S2)),
                                      ("an integer X", (np.rint(X2[:6]).astype(int), mu2, S2))),
        "far-points": stable_form("gaussian_log_density/far-points", g_ord[:1] + d.cases(
            "gaussian_log_density", ("users 1000 units from the mean", (far(rng, X2[:3], mu2[None]), mu2, S2))),
            g_style, LOG_SPACE),
        "singular-cov": refuses("gaussian_log_density/singular-cov", g_ord[:1], singular, g_style,
                                why="a covariance that is not positive definite has no density"),
        "inputs-unchanged": unchanged(g_ord, COPY)})

    # ── e_step(X, weights, means, covs) -> R (N, K) ─────────────────────────
    def along(z, axis, keepdims):
        """exp(z) normalised along `axis` (None: the whole array) in log space; keepdims for the normaliser."""
        s = lse(z.ravel(), 0) if axis is None else lse(z, axis)
        return np.exp(z - (np.expand_dims(s, axis) if keepdims and axis is not None else s))

    def e_mistakes(X, w, mu, S):
        a = joint(X, w, mu, S)
        return axis_mistakes(along, a) + [
            ("the weights left out", along(a - np.log(w), 1, True), "a[n, k] = log(weights[k]) + log N(x_n | k)"),
            ("weights[k] * N(x_n | k), not normalised", np.exp(a), "each row is a posterior: divide by its sum"),
            ("log responsibilities (not exponentiated)", a - lse(a, 1)[:, None], "return R = exp(log R)")]

    def mixture_exercise(name, mistakes):
        """e_step and gmm_log_likelihood take the same inputs and meet the same probes."""
        style = d.style(name, ("X", "weights", "means", "covs"), elementwise=False, mistakes=mistakes)
        ordinary = d.cases(name, ("14 users, K = 3, D = 2", mixes[0]), ("10 users, K = 2, D = 3", mixes[1]))
        far_away = (far(rng, X2[:4], mixes[0][2]), *mixes[0][1:])
        return d.exercise(name, style, {
            "values": ordinary,
            "shapes": ordinary[:1] + d.cases(name, ("one component (K = 1)", mixes[2]), ("one user", (X2[:1], *mixes[0][1:]))),
            "far-points": stable_form(f"{name}/far-points", ordinary[:1] + d.cases(
                name, ("3 users 1000 units from every component", far_away)), style, LOG_SPACE),
            "inputs-unchanged": unchanged(ordinary, COPY)})

    # ── m_step(X, R) -> (weights, means, covs): derive-it-yourself, the advice names a step ──
    def m_mistakes(X, R):
        w, mu, S = refs["m_step"](X, R)
        Nk, N = R.sum(axis=0), len(X)
        second = np.einsum("nk,ni,nj->kij", R, X, X) / Nk[:, None, None]
        plain = np.stack([(X - m).T @ (X - m) / N for m in mu])
        a, b, c = (STEP.format(x) for x in "abc")
        return [("weights = N_k, not divided by N", (Nk, None, None), a + "λ is fixed by Σ_k π_k = 1: Σ_k N_k = ?"),
                ("the means divided by N, not N_k", (None, R.T @ X / N, None), b + "dQ/dμ_k sums R[:, k] only"),
                ("every mean the plain X.mean(axis=0)", (None, np.tile(X.mean(0), (len(Nk), 1)), None), b + "weight by R"),
                ("covariances divided by N, not N_k", (None, None, S * (Nk / N)[:, None, None]), c + "solve dQ/dΣ_k = 0"),
                ("covariances divided by N_k - 1", (None, None, S * (Nk / (Nk - 1))[:, None, None]), c + "no - 1 in an MLE"),
                ("covariances not centred (the weighted second moment)", (None, None, second), c + "centre at the NEW means"),
                ("covariances not weighted by R", (None, None, plain), c + "weight each user by R[n, k]")]

    m_style = d.style("m_step", ("X", "R"), elementwise=False, outputs=("weights", "means", "covs"), mistakes=m_mistakes)
    hard = np.eye(3)[rng.permutation(np.arange(14) % 3)]
    m_ord = d.cases("m_step", ("14 users, K = 3 (R from an E-step)", (X2, estep(*mixes[0]))),
                    ("10 users, K = 2 (R from an E-step)", (mixes[1][0], estep(*mixes[1]))))
    em, ll = lambda X, *theta: refs["m_step"](X, estep(X, *theta)), refs["gmm_log_likelihood"]  # noqa: E731
    runs = [(m[0], np.full(len(m[1]), 1 / len(m[1])), m[2] + 0.4, m[3] * 1.5, 5)    # EM from near the truth
            for m in (mixture(rng, 2, 2, 30), mixture(rng, 3, 2, 36))]
    m_step = d.exercise("m_step", m_style, {
        "values": m_ord,
        "hard-assignments": m_ord[:1] + d.cases("m_step", ("hard assignments (R one-hot, 4 or 5 users each)", (X2, hard))),
        "em-never-decreases": never_worse("m_step/em-never-decreases", "_em_rounds", [
            Case(r, f"5 rounds of your e_step then m_step on {len(r[0])} users", rounds(em, ll, *r)) for r in runs],
            d.style("m_step", ("X", "weights", "means", "covs", "rounds"), elementwise=False), ll, step=em,
            what="log-lik", advice="each M-step maximises Q for the R it is given, so the log-likelihood cannot go "
            "down: divide by N_k = R.sum(axis=0), weights N_k / N, covariances at the new means (derivations.py, step 4)"),
        "inputs-unchanged": unchanged(m_ord, COPY)})

    # ── gmm_log_likelihood(X, weights, means, covs) -> float, a sum in nats ──
    def ll_mistakes(X, w, mu, S):
        a = joint(X, w, mu, S)
        return [("the mean over users, not the sum", np.mean(lse(a, 1)), "the log-likelihood of the data is a sum"),
                ("the log inside the sum over k: sum of log(weights[k] * N(x_n | k))", np.sum(a), "log of a sum is "
                 "not a sum of logs: log-sum-exp over k per user, then sum over users"),
                ("only the largest component per user (max instead of log-sum-exp)", np.sum(np.max(a, axis=1)),
                 "every component contributes: m + log(sum(exp(a - m))), not m alone"),
                ("the weights left out", np.sum(lse(a - np.log(w), 1)), "a[n, k] = log(weights[k]) + log N(x_n | k)")]

    return [gaussian, mixture_exercise("e_step", e_mistakes), m_step, mixture_exercise("gmm_log_likelihood", ll_mistakes),
            hmm(d, refs, rng), posterior(d, refs, rng)]


def chain(rng, S, M, T, floor=0.1):
    """(log_pi, log_A, log_B, obs): a random HMM (A leaning to stay put) and T observed symbols."""
    A = probs(rng, (S, S)) + 2 * np.eye(S)
    return (np.log(probs(rng, (S,))), np.log(A / A.sum(axis=1, keepdims=True)), np.log(probs(rng, (S, M), floor)),
            rng.integers(0, M, T))


def hmm(d, refs, rng):
    """hmm_forward(log_pi, log_A, log_B, obs) -> (log_alpha (T, S), log_likelihood)."""
    fwd = refs["hmm_forward"]

    def h_mistakes(lp, lA, lB, obs):
        la, ll = fwd(lp, lA, lB, obs)
        end = "P(x) = sum_j alpha_T(j): in logs, logsumexp(log_alpha[-1])"
        return [("log_A transposed: A[j, i] used where A[i, j] belongs", fwd(lp, lA.T, lB, obs), "log_A[i, j] is the "
                 "move FROM i TO j: sum over the previous state i, the rows (axis 0)"),
                ("the first step without its emission: log_alpha[0] = log_pi", fwd(lp - lB[:, obs[0]], lA, lB, obs),
                 "alpha_0(j) = P(x_0, z_0 = j) = pi_j * B[j, x_0]"),
                ("the log-likelihood as a plain sum of log_alpha[-1]", (None, np.sum(la[-1])), end),
                ("the log-likelihood as the max of log_alpha[-1]", (None, np.max(la[-1])), end)]

    style = d.style("hmm_forward", ("log_pi", "log_A", "log_B", "obs"), elementwise=False, mistakes=h_mistakes,
                    outputs=("log_alpha", "log_likelihood"))
    ordinary = d.cases("hmm_forward", ("3 states, 4 symbols, T = 8", chain(rng, 3, 4, 8)),
                       ("2 states, 3 symbols, T = 6", chain(rng, 2, 3, 6)))
    long = d.case("hmm_forward", "3 states, 5 symbols, T = 900 (alpha underflows)", *chain(rng, 3, 5, 900, 0.75))
    return d.exercise("hmm_forward", style, {
        "values": ordinary,
        "shapes": ordinary[:1] + d.cases("hmm_forward", ("one observation (T = 1)", chain(rng, 3, 4, 1)),
                                         ("4 states, 2 symbols, T = 5", chain(rng, 4, 2, 5))),
        "long-sequence": stable_form("hmm_forward/long-sequence", ordinary[:1] + [long], style, HMM_LOG),
        "inputs-unchanged": unchanged(ordinary, COPY)})


def network(rng, R=5):
    """(p_region, p_fraud, p_tickets, p_chargeback): the fraud network's tables, fraud rates 2 % to 30 %."""
    q = np.round(rng.uniform(0.02, 0.3, R), 2)
    return probs(rng, (R,)), np.column_stack([1 - q, q]), probs(rng, (2, 3)), np.array([[0.97, 0.03], [0.35, 0.65]])


def posterior(d, refs, rng):
    """region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback), against enumeration."""
    def p_mistakes(pr, pf, pt, pc, t, c):
        ev = pc[:, c] * (pt[:, t] if t is not None else 1.0)
        norm = lambda v: v / v.sum()  # noqa: E731
        return [("not normalised: the joint P(region, evidence)", pr * (pf @ ev), "divide by P(evidence), the sum over r"),
                ("the prior p_region left out", norm(pf @ ev), "the factor P(r) is part of the product"),
                ("fraud fixed at 1 instead of summed out", norm(pr * pf[:, 1] * ev[1]), "fraud is hidden: sum over f"),
                ("a max over fraud instead of a sum", norm(pr * np.max(pf * ev, axis=1)), "eliminate by summing"),
                ("unobserved tickets read as tickets = 0", norm(pr * (pf @ (pc[:, c] * pt[:, 0]))) if t is None else None,
                 "an unobserved node sums to 1 over its values: leave p_tickets out")]

    style = d.style("region_posterior", ("p_region", "p_fraud", "p_tickets", "p_chargeback", "tickets", "chargeback"),
                    elementwise=False, mistakes=p_mistakes)
    nets = [network(rng), network(rng)]
    ordinary = d.cases("region_posterior", ("tickets = 2, a chargeback", (*nets[0], 2, 1)),
                       ("tickets = 0, no chargeback", (*nets[1], 0, 0)))
    unseen = d.cases("region_posterior", ("tickets not observed, a chargeback", (*nets[0], None, 1)),
                     ("tickets not observed, no chargeback", (*nets[1], None, 0)))
    pt0, pc0 = np.array([[0.5, 0.5, 0.0], [0.2, 0.8, 0.0]]), np.array([[1.0, 0.0], [1.0, 0.0]])
    zero = [Case((*nets[0][:3], pc0, 1, 1), "a chargeback that has probability 0", None),
            Case((*nets[0][:2], pt0, nets[0][3], 2, 1), "a ticket bin that has probability 0", None)]
    return d.exercise("region_posterior", style, {
        "equals-enumeration": ordinary,
        "tickets-unobserved": ordinary[:1] + unseen,
        "zero-evidence": refuses("region_posterior/zero-evidence", ordinary[:1], zero, style,
                                 why="evidence of probability 0 has no posterior (0 / 0)"),
        "inputs-unchanged": unchanged(ordinary, COPY)})
