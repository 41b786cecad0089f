# %% [markdown]
# # Session 09 — Reweighting toward a population: exercises
#
# Write each function, then run `make check S=09`.
#
# Conventions for the whole file: X is (N, D), one user per row, used as given (no intercept
# column is added for you). y, weights and probabilities are 1-D arrays of length N. Weights are
# raw non-negative numbers: they need not sum to 1 or average 1. Labels are 0 or 1.

# %%
import numpy as np


# %%
def weighted_least_squares(X, y, weights):
    """The coefficients theta minimising sum_n weights[n] * (y[n] - X[n] @ theta) ** 2.

    Parameters
    ----------
    X : ndarray, shape (N, D)       features, used AS GIVEN: no intercept column is added (append a
                                    column of ones yourself if you want one); full column rank on
                                    the rows with positive weight
    y : ndarray, shape (N,)         targets
    weights : ndarray, shape (N,)   non-negative weights, any scale (multiplying them all by c > 0
                                    does not change theta); a weight of 0 leaves its row out

    Returns
    -------
    theta : ndarray, shape (D,)     the weighted least-squares coefficients: they solve the
                                    normal equations (X.T @ W @ X) theta = X.T @ W y, W = diag(weights)

    An integer weight k must give exactly the answer of that row written k times.
    Do not modify the inputs.
    """
    raise NotImplementedError("weighted_least_squares: write it, then run `make check S=09`")


# %%
def weighted_cross_entropy(theta, X, y, weights):
    """The weighted mean cross-entropy of a logistic model p = sigmoid(X @ theta).

    Parameters
    ----------
    theta : ndarray, shape (D,)     coefficients (no separate intercept: X as given)
    X : ndarray, shape (N, D)       features
    y : ndarray, shape (N,)         labels, 0 or 1
    weights : ndarray, shape (N,)   non-negative weights, any scale

    Returns
    -------
    loss : float                    sum_n weights[n] * l_n / sum(weights), where
                                    l_n = -(y[n] * log(p[n]) + (1 - y[n]) * log(1 - p[n]))

    Divide by the total weight sum(weights), not by N: the loss must not change when every weight
    is multiplied by the same c > 0, and integer weights must equal duplicated rows. Logits
    z = X @ theta may reach +-1000: use the stable form l_n = np.logaddexp(0, z) - y * z (no inf,
    no nan, no NumPy warning). If the weights sum to 0, raise ValueError (there is nothing to average).
    Do not modify the inputs.
    """
    raise NotImplementedError("weighted_cross_entropy: write it, then run `make check S=09`")


# %%
def weighted_cross_entropy_grad(theta, X, y, weights):
    """The gradient of weighted_cross_entropy(theta, X, y, weights) with respect to theta.

    Derive it yourself (slides: "the weighted loss, one row at a time"): the loss is defined in
    weighted_cross_entropy's docstring; work out its derivative one row at a time, then for the batch.

    Parameters
    ----------
    theta : ndarray, shape (D,)
    X : ndarray, shape (N, D)
    y : ndarray, shape (N,)         labels, 0 or 1
    weights : ndarray, shape (N,)   non-negative weights, any scale

    Returns
    -------
    grad : ndarray, shape (D,)      d loss / d theta, the shape of theta

    No overflow for logits up to +-1000. If the weights sum to 0, raise ValueError.
    Do not modify the inputs.
    """
    raise NotImplementedError("weighted_cross_entropy_grad: write it, then run `make check S=09`")


# %%
def density_ratio_weights(p_target, n_source, n_target):
    """Importance weights w(x) = p_t(x) / p_s(x) for source users, from a domain classifier.

    Derive it yourself (slides: "a classifier that tells the two samples apart"). The classifier
    was fitted on a pool of n_source source users (label 0) and n_target target users (label 1);
    p_target[n] is its probability P(target | x_n) for a SOURCE user x_n. The weights must make the
    source sample look like the target: for any f, the mean of f over target users ≈ np.mean(w * f)
    over source users.

    Parameters
    ----------
    p_target : ndarray, shape (N,)  P(label = target | x) for each source user, in [0, 1)
    n_source : int                  how many source users the classifier was trained on
    n_target : int                  how many target users it was trained on

    Returns
    -------
    w : ndarray, shape (N,)         the raw density ratios p_t(x) / p_s(x): NOT normalised to sum 1
                                    or mean 1 (their mean over the source sample is about 1 anyway)

    A probability of exactly 1 (or outside [0, 1]) has no finite ratio: raise ValueError.
    Do not modify the inputs.
    """
    raise NotImplementedError("density_ratio_weights: write it, then run `make check S=09`")


# %%
def effective_sample_size(weights):
    """Kish's effective sample size of a weighted sample: (sum w) ** 2 / sum(w ** 2).

    Parameters
    ----------
    weights : ndarray, shape (N,)   non-negative weights, any scale (not assumed to sum to 1)

    Returns
    -------
    n_eff : float                   between 1 and N: N for equal weights, 1 when one weight
                                    holds everything; unchanged when every weight is multiplied by c > 0

    All-zero weights (or an empty array) have no effective sample: raise ValueError.
    Do not modify the input.
    """
    raise NotImplementedError("effective_sample_size: write it, then run `make check S=09`")


# %%
def rake(weights, region, age_band, region_totals, age_totals, tol=1e-8, max_steps=100):
    """Raking (iterative proportional fitting): adjust weights until their totals per region and
    per age band equal the targets.

    Parameters
    ----------
    weights : ndarray, shape (N,)          starting weights, non-negative (e.g. all ones)
    region : ndarray of int, shape (N,)    each user's region code, 0 .. len(region_totals) - 1
    age_band : ndarray of int, shape (N,)  each user's age-band code, 0 .. len(age_totals) - 1
    region_totals : ndarray, shape (R,)    target total weight per region
    age_totals : ndarray, shape (A,)       target total weight per age band (same sum as region_totals)
    tol : float                            stop when max |total - target| <= tol over both variables
    max_steps : int                        the most sweeps to make

    Returns
    -------
    weights : ndarray, shape (N,)   the raked weights (a new array)
    steps : int                     the number of sweeps made

    One sweep multiplies every user's weight by target / current total of their region (regions
    first), then does the same for age bands with the new weights. Before each sweep, test the
    stopping rule: if the margins already meet tol, stop (steps = 0 for weights that already fit),
    and stop after max_steps sweeps whatever the residual.

    Raise ValueError if the two target vectors do not add up to the same total (no weights can
    meet both), or if a category with a positive target has no user with positive weight.
    Do not modify the inputs.
    """
    raise NotImplementedError("rake: write it, then run `make check S=09`")
