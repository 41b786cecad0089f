# %% [markdown]
# # Session 12 — Probabilistic graphical models: exercises
#
# A Gaussian mixture fitted by EM, a hidden Markov model's forward pass, and one query on a small
# Bayesian network. Write each function, then run `make check S=12`.
#
# Conventions, for every exercise: X is (N, D), one user per row. A mixture of K components has
# weights (K,), means (K, D), covs (K, D, D). Responsibilities are (N, K). Logs are natural (nats).
# Work in log space: far from every component a density underflows to 0.0 in float64, its log does not.

# %%
import numpy as np


# %%
def gaussian_log_density(X, mean, cov):
    """log N(x_n | mean, cov) for every row x_n of X, in nats.

    Parameters
    ----------
    X : ndarray, shape (N, D)       one point per row
    mean : ndarray, shape (D,)
    cov : ndarray, shape (D, D)     symmetric positive definite

    Returns
    -------
    logp : ndarray, shape (N,)      logp[n] = log of the multivariate normal density at X[n]

    Compute it in log space, through a Cholesky factor (np.linalg.cholesky) or np.linalg.slogdet, never
    as np.log of the density itself: a point 40 standard deviations away has density 0.0 in float64
    but a finite log-density (about -800).
    A covariance that is singular or not positive definite has no density: raise ValueError with a
    message (np.linalg.LinAlgError is a ValueError, so letting cholesky's error through is fine).
    Do not modify the inputs.
    """
    raise NotImplementedError("gaussian_log_density: write it, then run `make check S=12`")


# %%
def e_step(X, weights, means, covs):
    """The E-step of EM for a Gaussian mixture: each user's posterior over the K components.

    Parameters
    ----------
    X : ndarray, shape (N, D)
    weights : ndarray, shape (K,)        mixture weights, positive, summing to 1
    means : ndarray, shape (K, D)
    covs : ndarray, shape (K, D, D)

    Returns
    -------
    R : ndarray, shape (N, K)            R[n, k] = P(component k | x_n); every ROW sums to 1

    R is (N, K), users in rows (not (K, N)). Compute it in log space: a[n, k] = log(weights[k]) +
    log N(x_n | means[k], covs[k]), then normalise each row with a log-sum-exp. A user far from every
    component (all densities 0.0 in float64) still gets a proper row of probabilities, with no nan and
    no NumPy warning. You may call your gaussian_log_density. Do not modify the inputs.
    """
    raise NotImplementedError("e_step: write it, then run `make check S=12`")


# %%
def m_step(X, R):
    """The M-step of EM: the mixture parameters that maximise the expected complete log-likelihood
    Q = sum_n sum_k R[n, k] * (log weights[k] + log N(x_n | means[k], covs[k])) for the given R.

    Derive it yourself (the slides and derivations.py, step 4, lead up to it): the weights under the
    constraint that they sum to 1, then the means, then the covariances (around the NEW means).

    Parameters
    ----------
    X : ndarray, shape (N, D)
    R : ndarray, shape (N, K)            responsibilities, rows summing to 1, every column sum > 0

    Returns
    -------
    weights : ndarray, shape (K,)        summing to 1
    means : ndarray, shape (K, D)
    covs : ndarray, shape (K, D, D)      each the maximum-likelihood covariance (no ridge added)

    Return the tuple (weights, means, covs). Do not modify the inputs.
    """
    raise NotImplementedError("m_step: write it, then run `make check S=12`")


# %%
def gmm_log_likelihood(X, weights, means, covs):
    """The mixture's log-likelihood of the data, in nats: a SUM over users (not a mean).

    Parameters
    ----------
    X : ndarray, shape (N, D)
    weights : ndarray, shape (K,)
    means : ndarray, shape (K, D)
    covs : ndarray, shape (K, D, D)

    Returns
    -------
    ll : float                           sum_n log sum_k weights[k] * N(x_n | means[k], covs[k])

    Compute each user's log sum_k in log space (log-sum-exp over k): far from every component the
    sum of densities is 0.0 in float64, its log is not -inf. Do not modify the inputs.
    """
    raise NotImplementedError("gmm_log_likelihood: write it, then run `make check S=12`")


# %%
def hmm_forward(log_pi, log_A, log_B, obs):
    """The forward pass of a hidden Markov model, in log space.

    Parameters
    ----------
    log_pi : ndarray, shape (S,)         log P(z_0 = i)
    log_A : ndarray, shape (S, S)        log_A[i, j] = log P(z_t = j | z_{t-1} = i)   (rows of A sum to 1)
    log_B : ndarray, shape (S, M)        log_B[i, m] = log P(x_t = m | z_t = i)       (rows of B sum to 1)
    obs : ndarray of int, shape (T,)     the observed symbols x_0 … x_{T-1}, each in 0 … M-1, T >= 1

    All log-probabilities are finite.

    Returns
    -------
    log_alpha : ndarray, shape (T, S)    log_alpha[t, j] = log P(x_0 … x_t, z_t = j): time in rows
    log_likelihood : float               log P(x_0 … x_{T-1})

    Return the tuple (log_alpha, log_likelihood). Unscaled alpha underflows to 0.0 after a few
    hundred steps; stay in log space (log-sum-exp over the previous state), or scale each step and
    return the logs of the unscaled alpha. Do not modify the inputs.
    """
    raise NotImplementedError("hmm_forward: write it, then run `make check S=12`")


# %%
def region_posterior(p_region, p_fraud, p_tickets, p_chargeback, tickets, chargeback):
    """P(region | tickets, chargeback) on the fraud network, by variable elimination.

    The network: region → fraud, fraud → tickets, fraud → chargeback, so
    P(r, f, t, c) = p_region[r] * p_fraud[r, f] * p_tickets[f, t] * p_chargeback[f, c].

    Parameters
    ----------
    p_region : ndarray, shape (R,)           P(region = r)
    p_fraud : ndarray, shape (R, 2)          p_fraud[r, f] = P(fraud = f | region = r); f = 1 is fraud
    p_tickets : ndarray, shape (2, T)        p_tickets[f, t] = P(tickets = t | fraud = f), t a ticket-count bin
    p_chargeback : ndarray, shape (2, 2)     p_chargeback[f, c] = P(chargeback = c | fraud = f)
    tickets : int or None                    the observed ticket bin, or None when tickets are not observed
    chargeback : int                         the observed chargeback, 0 or 1

    Returns
    -------
    posterior : ndarray, shape (R,)          P(region = r | the evidence), summing to 1

    Eliminate fraud (and tickets, when not observed) by summing it out of the product of the
    factors; do not build the whole joint table. Evidence of probability 0 has no posterior: raise
    ValueError with a message. Do not modify the inputs.
    """
    raise NotImplementedError("region_posterior: write it, then run `make check S=12`")
