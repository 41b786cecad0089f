"""Session 12 reference answers. Never shipped to learners (see `kit release`)."""

import numpy as np


def logsumexp(a, axis):
    # Shift by the max: no exp overflows, and the largest term is exactly 1, so no log(0).
    top = np.max(a, axis=axis)
    return top + np.log(np.sum(np.exp(a - np.expand_dims(top, axis)), axis=axis))


def gaussian_log_density(X, mean, cov):
    X, mean, cov = (np.asarray(v, dtype=float) for v in (X, mean, cov))
    L = np.linalg.cholesky(cov)                  # LinAlgError (a ValueError) unless cov is positive definite
    z = np.linalg.solve(L, (X - mean).T)         # (D, N): L z = x - mean for every user at once
    D = len(mean)
    return -0.5 * np.sum(z**2, axis=0) - np.sum(np.log(np.diag(L))) - 0.5 * D * np.log(2 * np.pi)


def e_step(X, weights, means, covs):
    a = np.column_stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k])
                         for k in range(len(weights))])             # (N, K)
    return np.exp(a - logsumexp(a, axis=1)[:, None])


def m_step(X, R):
    X, R = np.asarray(X, dtype=float), np.asarray(R, dtype=float)
    Nk = R.sum(axis=0)                                             # (K,)
    weights = Nk / len(X)                                          # the Lagrangian's answer: N_k / N
    means = (R.T @ X) / Nk[:, None]                                # (K, N) @ (N, D) -> (K, D)
    covs = np.zeros((len(Nk), X.shape[1], X.shape[1]))
    for k in range(len(Nk)):
        Xc = X - means[k]                                          # around the NEW mean
        covs[k] = (R[:, k, None] * Xc).T @ Xc / Nk[k]              # divided by N_k
    return weights, means, covs


def gmm_log_likelihood(X, weights, means, covs):
    a = np.column_stack([np.log(weights[k]) + gaussian_log_density(X, means[k], covs[k])
                         for k in range(len(weights))])
    return float(np.sum(logsumexp(a, axis=1)))


def hmm_forward(log_pi, log_A, log_B, obs):
    T, S = len(obs), len(log_pi)
    log_alpha = np.zeros((T, S))
    log_alpha[0] = log_pi + log_B[:, obs[0]]
    for t in range(1, T):
        # entry [i, j] = log alpha[t-1, i] + log A[i, j]; sum over i (axis 0) in log space
        log_alpha[t] = log_B[:, obs[t]] + logsumexp(log_alpha[t - 1][:, None] + log_A, axis=0)
    return log_alpha, float(logsumexp(log_alpha[-1], axis=0))


def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    # the factor left on fraud once the evidence is plugged in: P(t | f) P(c | f), shape (2,)
    evidence = p_chargeback[:, chargeback].copy()
    if tickets is not None:
        evidence = evidence * p_tickets[:, tickets]
    message = p_fraud @ evidence                                   # sum over f: (R, 2) @ (2,) -> (R,)
    unnormalised = p_region * message
    total = unnormalised.sum()                                     # P(evidence)
    if total <= 0:
        raise ValueError("the evidence has probability 0: no posterior")
    return unnormalised / total
