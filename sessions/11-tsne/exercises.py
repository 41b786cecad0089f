# %% [markdown]
# # Session 11 — t-SNE, next to PCA: exercises
#
# Write each function, then run `make check S=11`.
#
# Layout, everywhere: X is (N, D), one user per row; the embedding Y is (N, 2), one point per row.
# Distances and affinities (D, P_cond, P, Q) are (N, N) with a zero diagonal: no point is its own
# neighbour. beta[i] is point i's PRECISION, p(j | i) proportional to exp(-beta[i] * D[i, j]) (the paper
# writes beta = 1 / (2 sigma**2)). Entropies are in NATS (np.log). Return new arrays; never modify
# an input.

# %%
import numpy as np


# %%
def squared_distances(X):
    """Squared Euclidean distances between every pair of rows of X.

    Parameters
    ----------
    X : ndarray, shape (N, D)      one point per row (ints are fine)

    Returns
    -------
    D : ndarray, shape (N, N)      D[i, j] = ||X[i] - X[j]||**2, symmetric

    Every entry must be >= 0 and the diagonal exactly 0. The direct form, a sum of squared
    differences, is both by construction; the fast expanded form
    ||x_i||**2 + ||x_j||**2 - 2 x_i . x_j loses digits for nearby points far from the origin and can
    come out slightly negative: if you use it, clip with np.maximum(D, 0) and set the diagonal to 0.
    """
    raise NotImplementedError("squared_distances: write it, then run `make check S=11`")


# %%
def conditional_affinities(D, beta):
    """t-SNE's conditional affinities p(j | i) for given per-point precisions.

    Parameters
    ----------
    D : ndarray, shape (N, N)      squared distances (zero diagonal), N >= 2
    beta : ndarray, shape (N,)     beta[i] > 0 is the precision of point i's Gaussian

    Returns
    -------
    P_cond : ndarray, shape (N, N)
        P_cond[i, j] = exp(-beta[i] * D[i, j]) / sum over k != i of exp(-beta[i] * D[i, k]) for
        j != i, and P_cond[i, i] = 0. Each row sums to 1 (row i is a distribution over i's neighbours).

    Compute it in a stable form: subtract from row i its smallest OFF-diagonal distance before the
    exp (the shift cancels in the ratio), so the nearest neighbour gets exp(0) = 1 and nothing becomes
    0 / 0, even with beta * D in the thousands. No NumPy warnings.
    """
    raise NotImplementedError("conditional_affinities: write it, then run `make check S=11`")


# %%
def perplexity_search(D, perplexity, tol=1e-5, max_steps=200):
    """Find each point's precision beta[i] so that row i of P_cond has the target perplexity.

    Parameters
    ----------
    D : ndarray, shape (N, N)      squared distances (zero diagonal)
    perplexity : float             the target, 1 < perplexity < N - 1
    tol : float                    stop when |H_i - log(perplexity)| < tol (nats)
    max_steps : int                at most this many bisection steps per point

    Returns
    -------
    beta : ndarray, shape (N,)     precisions with |H_i(beta[i]) - log(perplexity)| < tol for every i

    H_i = -sum_j p(j | i) * log(p(j | i)) is row i's entropy in NATS (np.log; 0 log 0 = 0) and its
    perplexity is exp(H_i). (In bits it is 2**H_bits, the same number: never compare an entropy in
    one unit with the log of the perplexity in the other.) H_i falls as beta[i] grows, so bisect on
    beta[i]: start at 1, double it while no upper bracket is known, halve it while no lower one is.

    Bad input: the largest entropy a row can have is log(N - 1) (uniform, at beta = 0), so a
    perplexity >= N - 1, or <= 1, cannot be reached: raise ValueError with a message (do not loop).
    """
    raise NotImplementedError("perplexity_search: write it, then run `make check S=11`")


# %%
def joint_probabilities(P_cond):
    """The symmetric joint affinities t-SNE matches, from the conditional ones.

    Parameters
    ----------
    P_cond : ndarray, shape (N, N)     conditional affinities: zero diagonal, every row sums to 1

    Returns
    -------
    P : ndarray, shape (N, N)          P = (P_cond + P_cond.T) / (2 * N): symmetric, sums to 1 over
                                       ALL entries, zero diagonal
    """
    raise NotImplementedError("joint_probabilities: write it, then run `make check S=11`")


# %%
def student_t_affinities(Y):
    """The embedding's affinities Q, with the Student-t kernel (one degree of freedom).

    Parameters
    ----------
    Y : ndarray, shape (N, 2)      the embedding, one point per row

    Returns
    -------
    Q : ndarray, shape (N, N)
        w[i, j] = 1 / (1 + ||Y[i] - Y[j]||**2) for i != j, w[i, i] = 0, and Q = w / w.sum():
        ONE normaliser over all pairs (not one per row), so Q sums to 1 and is symmetric.
    """
    raise NotImplementedError("student_t_affinities: write it, then run `make check S=11`")


# %%
def kl_divergence(P, Y):
    """t-SNE's cost: the KL divergence of the embedding's Q from the data's P.

    Parameters
    ----------
    P : ndarray, shape (N, N)      joint affinities: symmetric, zero diagonal, sums to 1
    Y : ndarray, shape (N, 2)      the embedding

    Returns
    -------
    C : float                      sum over i != j of P[i, j] * log(P[i, j] / Q[i, j]), with Q from
                                   student_t_affinities(Y); terms with P[i, j] = 0 count 0 (nats)
    """
    raise NotImplementedError("kl_divergence: write it, then run `make check S=11`")


# %%
def tsne_gradient(P, Y):
    """Derive it yourself: the gradient of kl_divergence(P, Y) with respect to Y.

    Parameters
    ----------
    P : ndarray, shape (N, N)      joint affinities: symmetric, zero diagonal, sums to 1
    Y : ndarray, shape (N, 2)      the embedding

    Returns
    -------
    dY : ndarray, shape (N, 2)     dY[i] = dC/dy_i, C = kl_divergence(P, Y): the shape of Y

    Derive it on paper first (slides: "Derive it yourself"): write log q_ij as
    log w_ij - log Z, differentiate the two parts, and count how often each pair appears. Then
    check yours against central differences of your kl_divergence. Vectorise the sum over j.
    """
    raise NotImplementedError("tsne_gradient: write it, then run `make check S=11`")


# %%
def tsne_step(P, Y, update, lr, momentum):
    """One step of gradient descent with momentum on kl_divergence(P, Y).

    Parameters
    ----------
    P : ndarray, shape (N, N)      joint affinities
    Y : ndarray, shape (N, 2)      the current embedding
    update : ndarray, shape (N, 2) the previous step's update (zeros at the start)
    lr : float                     the learning rate
    momentum : float               how much of the previous update carries over, in [0, 1)

    Returns
    -------
    Y_new : ndarray, shape (N, 2)       Y + new_update
    new_update : ndarray, shape (N, 2)  momentum * update - lr * tsne_gradient(P, Y)

    Return new arrays: Y and update are the caller's and stay unchanged.
    """
    raise NotImplementedError("tsne_step: write it, then run `make check S=11`")
