# %% [markdown]
# # Session 11 — t-SNE, next to PCA: reference answers
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
    X = np.asarray(X, dtype=float)
    diff = X[:, np.newaxis] - X[np.newaxis]       # (N, N, D): every x_i - x_j
    return np.einsum("ijk,ijk->ij", diff, diff)   # never negative: a sum of squares


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
    D = np.asarray(D, dtype=float)
    shifted = D + np.diag(np.full(D.shape[0], np.inf))   # j == i at +inf: exp(-inf) = 0
    shifted -= np.min(shifted, axis=1, keepdims=True)    # nearest neighbour at 0
    e = np.exp(-np.asarray(beta)[:, None] * shifted)
    return e / np.sum(e, axis=1, keepdims=True)


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
    D = np.asarray(D, dtype=float)
    N = D.shape[0]
    if not 1 < perplexity < N - 1:
        raise ValueError(f"perplexity must be between 1 and N - 1 = {N - 1}, got {perplexity}")
    target = np.log(perplexity)                   # nats
    beta = np.ones(N)
    for i in range(N):
        lo, hi = 0.0, np.inf
        for _ in range(max_steps):
            p = _row(D, i, beta[i])
            H = -np.sum(p[p > 0] * np.log(p[p > 0]))
            if abs(H - target) < tol:
                break
            if H > target:                        # too flat: sharpen
                lo = beta[i]
                beta[i] = beta[i] * 2 if hi == np.inf else (lo + hi) / 2
            else:
                hi = beta[i]
                beta[i] = (lo + hi) / 2
    return beta


def _row(D, i, b):
    """p(j | i) for one row at precision b (zero at j == i)."""
    d = np.delete(D[i], i)
    e = np.exp(-b * (d - d.min()))
    return np.insert(e / e.sum(), i, 0.0)


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
    P = np.asarray(P_cond, dtype=float)
    N = len(P)
    return (P + P.T) / (2.0 * N)                  # symmetric, and all N rows together sum to 1


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
    kernel = 1.0 / (1.0 + squared_distances(Y))
    kernel[np.diag_indices_from(kernel)] = 0.0    # no point is its own neighbour
    return kernel / kernel.sum()                  # one normaliser over all pairs


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
    P = np.asarray(P, dtype=float)
    Q = student_t_affinities(Y)
    pairs = P > 0                                 # 0 log 0 = 0
    return np.sum(P[pairs] * (np.log(P[pairs]) - np.log(Q[pairs])))


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
    Y = np.asarray(Y, dtype=float)
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    M = (np.asarray(P, dtype=float) - w / np.sum(w)) * w      # (p_ij - q_ij) w_ij
    return 4.0 * (np.sum(M, axis=1)[:, None] * Y - M @ Y)     # 4 sum_j M_ij (y_i - y_j)


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
    step = momentum * np.asarray(update, dtype=float) - lr * tsne_gradient(P, Y)
    return np.asarray(Y, dtype=float) + step, step
