"""Session 11 derivations: t-SNE's affinities, the perplexity search and the gradient of its KL divergence.

Run it to see each derivation:  python sessions/11-tsne/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Layout, everywhere: X is (N, D), one user per row; the embedding Y is (N, 2), one point per row.
Squared distances D and every affinity matrix (P_cond, P, Q) are (N, N) with a zero diagonal.
The precision of point i is beta[i], shape (N,): p(j | i) is proportional to exp(-beta[i] * D[i, j])
(beta = 1 / (2 sigma**2) in the paper's sigma). Entropies are in NATS (np.log), so a row's
perplexity is exp(H). The gradient has Y's shape: dY[i] = dC/dy_i.
SymPy works on small explicit cases (N = 3 or 4 points); each general NumPy formula is admitted
only after SymPy proves it on those symbols.
"""

import sympy as sp


def is_zero(expr):
    """expr == 0 for every value of its symbols (a rational function once the logs are expanded)."""
    return sp.cancel(sp.together(sp.expand_log(expr, force=True))) == 0


# ── squared distances: ||x_i - x_j||^2 = ||x_i||^2 + ||x_j||^2 - 2 x_i . x_j (the fast, expanded form)
xi, xj = sp.Matrix(sp.symbols("a0:3", real=True)), sp.Matrix(sp.symbols("b0:3", real=True))
direct = ((xi - xj).T * (xi - xj))[0]
expanded = (xi.T * xi)[0] + (xj.T * xj)[0] - 2 * (xi.T * xj)[0]
expanded_equals_direct = is_zero(direct - expanded)
# The direct form is a sum of squares, never negative; the expanded one subtracts two large numbers in
# floating point, so for nearby points far from 0 it can come out as -1e-8: clip it to 0.
direct_is_sum_of_squares = direct == sum((a - b) ** 2 for a, b in zip(xi, xj))

# ── conditional affinities of one row: p(j | i) = exp(-beta d_j) / sum_{k != i} exp(-beta d_k)
beta, m = sp.symbols("beta m", positive=True)
d = sp.symbols("d1:4", nonnegative=True)            # point i's squared distances to its 3 neighbours
w = [sp.exp(-beta * dj) for dj in d]
p_row = [wj / sum(w) for wj in w]
# Subtracting any m from every distance of the row changes nothing: exp(beta m) cancels top and bottom.
# The code uses the row's smallest OFF-diagonal distance, so the nearest neighbour gets exp(0) = 1.
p_shifted = [sp.exp(-beta * (dj - m)) / sum(sp.exp(-beta * (dk - m)) for dk in d) for dj in d]
shift_cancels = all(is_zero(sp.powsimp(a - b, combine="exp")) for a, b in zip(p_row, p_shifted))

# ── the entropy of row i in nats, H = -sum_j p_j log p_j, and the perplexity exp(H)
H = -sum(pj * sp.expand_log(sp.log(pj), force=True) for pj in p_row)
E_d = sum(pj * dj for pj, dj in zip(p_row, d))           # the row's mean squared distance under p
E_d2 = sum(pj * dj**2 for pj, dj in zip(p_row, d))
t = sp.symbols("t1:4", positive=True)                    # t_j stands for exp(-beta d_j) once SymPy has differentiated
as_t = {wj: tj for wj, tj in zip(w, t)}
# Closed form: H = log(sum_j exp(-beta d_j)) + beta E_p[d]  (what the search may compute instead)
entropy_closed_form = is_zero((H - (sp.log(sum(w)) + beta * E_d)).subs(as_t))
# dH/dbeta = -beta Var_p(d) <= 0: the entropy falls as the precision grows, so bisection on beta works.
dH_dbeta = sp.diff(H, beta)
entropy_decreasing = is_zero((dH_dbeta - (-beta * (E_d2 - E_d**2))).subs(as_t))
# At beta = 0 the row is uniform over its N - 1 = 3 neighbours: H = log(N - 1), the largest entropy, and
# it is reached only at beta = 0. A target perplexity >= N - 1 cannot be met by any beta > 0: the
# search would halve beta forever; the documented answer is a ValueError.
largest_entropy = sp.simplify(H.subs(beta, 0) - sp.log(3)) == 0
# Bits or nats: 2**(H / log 2) = exp(H), the same perplexity; mixing them (H in nats vs log2(perp)) is the bug.
h = sp.Symbol("h", positive=True)                       # an entropy in nats; h / log 2 is the same one in bits
bits_same_perplexity = is_zero(sp.log(2 ** (h / sp.log(2))) - h)      # log(2**H_bits) = H_nats

# ── the joint P: symmetrise the conditionals and divide by 2N; it sums to 1 when every row does
N = 3
Pc = sp.Matrix(N, N, lambda i, j: 0 if i == j else sp.Symbol(f"c{i}{j}", nonnegative=True))
rows_sum_to_one = {Pc[i, N - 1 if i != N - 1 else N - 2]: 1 - sum(Pc[i, j] for j in range(N)
                   if j != i and j != (N - 1 if i != N - 1 else N - 2)) for i in range(N)}
P_joint = (Pc + Pc.T) / (2 * N)
joint_sums_to_one = sp.simplify(sum(P_joint).subs(rows_sum_to_one)) == 1
joint_symmetric = P_joint == P_joint.T

# ── the embedding: Q with the Student-t kernel (one degree of freedom), normalised over ALL pairs.
# Each pair's kernel is written through its squared distance s_ij = ||y_i - y_j||**2 (a symbol), and SymPy
# differentiates through it with the chain rule: dC/dy_i = sum over pairs dC/ds_ab * ds_ab/dy_i.
Y = sp.Matrix(N, 2, lambda i, k: sp.Symbol(f"y{i}{k}", real=True))
dist2 = lambda i, j: sum((Y[i, k] - Y[j, k]) ** 2 for k in range(2))      # noqa: E731
pair = {(i, j): sp.Symbol(f"s{min(i, j)}{max(i, j)}", positive=True) for i in range(N) for j in range(N) if i != j}
ends = {s_ab: ab for ab, s_ab in pair.items()}


def d_dY(expr):
    """d expr / dY, (N, 2), by the chain rule through every pair's squared distance."""
    return sp.Matrix(N, 2, lambda i, k: sum(sp.diff(expr, s_ab) * sp.diff(dist2(*ends[s_ab]), Y[i, k])
                                            for s_ab in set(pair.values())))


kernel = sp.Matrix(N, N, lambda i, j: 0 if i == j else 1 / (1 + pair[i, j]))
Z = sum(kernel)                                        # one normaliser for the whole matrix
Q = kernel / Z
q_sums_to_one = sp.simplify(sum(Q)) == 1
kernel_derivative = is_zero(sp.diff(kernel[0, 1], pair[0, 1]) + kernel[0, 1] ** 2)    # dw/ds = -w**2

# ── the gradient of C = KL(P || Q) = sum_{i != j} p_ij log(p_ij / q_ij), step by step, on N = 3 in 2-D.
# P is symmetric with a zero diagonal and sums to 1: three free entries p01, p02, p12 with p12 = 1/2 - p01 - p02.
p01, p02 = sp.symbols("p01 p02", positive=True)
p12 = sp.Rational(1, 2) - p01 - p02
P = sp.Matrix([[0, p01, p02], [p01, 0, p12], [p02, p12, 0]])
pairs = [(i, j) for i in range(N) for j in range(N) if i != j]
C = sum(P[i, j] * (sp.log(P[i, j]) - sp.log(Q[i, j])) for i, j in pairs)
dC = d_dY(C)                                           # SymPy differentiates the loss itself
diff_vec = lambda i, j, k: Y[i, k] - Y[j, k]           # noqa: E731
# step 1: log q_ij = log w_ij - log Z and sum p_ij = 1, so C = const - sum p_ij log w_ij + log Z
attraction = -sum(P[i, j] * sp.log(kernel[i, j]) for i, j in pairs)
C_split = sum(P[i, j] * sp.log(P[i, j]) for i, j in pairs) + attraction + sp.log(Z)
step1_holds = is_zero(C - C_split)
# step 2: d(-log w_ij)/dy_i = 2 w_ij (y_i - y_j), and the pair (i, j) appears twice (ij and ji): 4 p_ij w_ij (y_i - y_j)
attract = d_dY(attraction)
step2_holds = all(is_zero(attract[i, k] - 4 * sum(P[i, j] * kernel[i, j] * diff_vec(i, j, k) for j in range(N) if j != i))
                  for i in range(N) for k in range(2))
# step 3: d(log Z)/dy_i = (1/Z) sum dw = -4 sum_j q_ij w_ij (y_i - y_j): the repulsion, through Q
repel = d_dY(sp.log(Z))
step3_holds = all(is_zero(repel[i, k] + 4 * sum(Q[i, j] * kernel[i, j] * diff_vec(i, j, k) for j in range(N) if j != i))
                  for i in range(N) for k in range(2))
# step 4: add them: dC/dy_i = 4 sum_j (p_ij - q_ij) w_ij (y_i - y_j), and SymPy's own dC agrees entry by entry
grad_formula = sp.Matrix(N, 2, lambda i, k: 4 * sum((P[i, j] - Q[i, j]) * kernel[i, j] * diff_vec(i, j, k)
                                                     for j in range(N) if j != i))
gradient_holds = bool(step1_holds and step2_holds and step3_holds and kernel_derivative
                      and all(is_zero(dC[i, k] - grad_formula[i, k]) for i in range(N) for k in range(2)))
# The forces balance: sum_i dC/dy_i = 0 (moving every point together changes nothing), so a step keeps the mean.
forces_balance = all(is_zero(sum(grad_formula[i, k] for i in range(N))) for k in range(2))

# >>> course-only: the NumPy answers, each admitted by the derivation above (kit release leaves them out)
from kit.symbolic import Source, show

DISTANCES = '''
def squared_distances(X):
    X = np.asarray(X, dtype=float)
    diff = X[:, None, :] - X[None, :, :]                # (N, N, D): every x_i - x_j
    return np.sum(diff ** 2, axis=2)                    # a sum of squares: >= 0, exactly 0 on the diagonal
'''
CONDITIONAL = '''
def conditional_affinities(D, beta):
    D = np.asarray(D, dtype=float)
    N = D.shape[0]
    off = ~np.eye(N, dtype=bool)
    shifted = np.where(off, D, np.inf)                  # the diagonal at +inf: exp(-inf) = 0, and no overflow
    shifted = shifted - np.min(shifted, axis=1, keepdims=True)   # the row's smallest OFF-diagonal distance -> 0
    e = np.exp(-np.asarray(beta, dtype=float)[:, None] * shifted)
    return e / np.sum(e, axis=1, keepdims=True)
'''
ENTROPY = '''
def row_entropies(D, beta):
    P = conditional_affinities(D, beta)
    logs = np.log(np.where(P > 0, P, 1.0))               # 0 log 0 = 0
    return -np.sum(P * logs, axis=1)                     # nats
'''
# perplexity_search is judged on an interval, not one value. The valid betas: every beta with |H(beta) - log(perplexity)| < tol. H falls as beta grows (derived above),
# so they form an interval [beta where H = target + tol, beta where H = target - tol]; bisect for both ends.
SEARCH = '''
def _beta_for_entropy(D, target):
    N = D.shape[0]
    lo, hi = np.zeros(N), np.ones(N)
    for _ in range(200):                                     # grow the bracket until H(hi) <= target
        high = row_entropies(D, hi) > target
        if not np.any(high):
            break
        lo, hi = np.where(high, hi, lo), np.where(high, hi * 2.0, hi)
    for _ in range(200):
        mid = (lo + hi) / 2
        high = row_entropies(D, mid) > target
        lo, hi = np.where(high, mid, lo), np.where(high, hi, mid)
    return (lo + hi) / 2


def perplexity_bounds(D, perplexity, tol=1e-5):
    D = np.asarray(D, dtype=float)
    target = np.log(perplexity)
    return _beta_for_entropy(D, target + tol), _beta_for_entropy(D, target - tol)
'''
JOINT = '''
def joint_probabilities(P_cond):
    P_cond = np.asarray(P_cond, dtype=float)
    return (P_cond + P_cond.T) / (2 * P_cond.shape[0])
'''
STUDENT = '''
def student_t_affinities(Y):
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)                            # no point is its own neighbour
    return w / np.sum(w)                                # one normaliser over all pairs
'''
KL = '''
def kl_divergence(P, Y):
    P, Q = np.asarray(P, dtype=float), student_t_affinities(Y)
    off = P > 0                                         # 0 log 0 = 0; the diagonal is 0 in both
    return np.sum(P[off] * np.log(P[off] / Q[off]))
'''
GRADIENT = '''
def tsne_gradient(P, Y):
    Y = np.asarray(Y, dtype=float)
    w = 1.0 / (1.0 + squared_distances(Y))
    np.fill_diagonal(w, 0.0)
    Q = w / np.sum(w)
    M = (np.asarray(P, dtype=float) - Q) * w            # (N, N): (p_ij - q_ij) (1 + ||y_i - y_j||^2)^-1
    return 4.0 * (np.sum(M, axis=1)[:, None] * Y - M @ Y)    # sum_j M_ij (y_i - y_j), times 4
'''
STEP = '''
def tsne_step(P, Y, update, lr, momentum):
    new_update = momentum * np.asarray(update, dtype=float) - lr * tsne_gradient(P, Y)
    return np.asarray(Y, dtype=float) + new_update, new_update
'''

GRADIENT_STEPS = ("dY[i] = dC/dy_i for C = sum_{i != j} p_ij log(p_ij / q_ij), q_ij = w_ij / Z, "
                  "w_ij = 1 / (1 + ||y_i - y_j||**2), Z = sum_{k != l} w_kl (derivations.py, steps 1-4): "
                  "step 1 split log q into log w - log Z (sum p = 1); step 2 d(-log w_ij)/dy_i, each pair counted "
                  "twice; step 3 d(log Z)/dy_i through Q; step 4 add the two. Check: the rows of dY sum to 0")

REFERENCES = [
    Source("squared_distances", DISTANCES, verified=bool(expanded_equals_direct and direct_is_sum_of_squares),
           formula="D[i, j] = sum((X[i] - X[j])**2): >= 0, exactly 0 on the diagonal (clip the expanded form's "
                   "round-off: np.maximum(D, 0))"),
    Source("conditional_affinities", CONDITIONAL, verified=shift_cancels,
           formula="P[i, j] = exp(-beta[i] * (D[i, j] - m_i)) / sum_{k != i} exp(-beta[i] * (D[i, k] - m_i)), "
                   "P[i, i] = 0, m_i = the row's smallest off-diagonal D"),
    Source("row_entropies", ENTROPY, verified=bool(entropy_closed_form and shift_cancels),
           formula="H[i] = -sum_j P[i, j] * log(P[i, j]) in nats (0 log 0 = 0)"),
    Source("perplexity_bounds", SEARCH, verified=bool(entropy_decreasing and entropy_closed_form and largest_entropy
                                                      and bits_same_perplexity),
           formula="bisect beta[i] until |H[i] - log(perplexity)| < tol, H in nats (np.log); H falls as beta "
                   "grows; perplexity >= N - 1 (or <= 1) cannot be reached: ValueError"),
    Source("joint_probabilities", JOINT, verified=bool(joint_sums_to_one and joint_symmetric),
           formula="P = (P_cond + P_cond.T) / (2 * N)"),
    Source("student_t_affinities", STUDENT, verified=q_sums_to_one,
           formula="Q = w / w.sum(),  w[i, j] = 1 / (1 + ||y_i - y_j||**2),  w[i, i] = 0 (one normaliser for "
                   "all pairs)"),
    Source("kl_divergence", KL, verified=bool(step1_holds and q_sums_to_one),
           formula="C = sum over P > 0 of P * log(P / Q),  Q = student_t_affinities(Y)"),
    Source("tsne_gradient", GRADIENT, verified=bool(gradient_holds and forces_balance), formula=GRADIENT_STEPS),
    Source("tsne_step", STEP, verified=bool(gradient_holds),
           formula="new_update = momentum * update - lr * tsne_gradient(P, Y);  Y_new = Y + new_update"),
]
# <<< course-only

if __name__ == "__main__":
    pretty = sp.pretty
    print("Layout: X is (N, D), Y is (N, 2), D, P, Q are (N, N) with zero diagonals.\n")
    print("expanded ||a||^2 + ||b||^2 - 2 a.b equals the sum of squares:", expanded_equals_direct)
    print("p(j|i) unchanged by subtracting the row's smallest distance:", shift_cancels)
    print("H = log(sum exp(-beta d)) + beta E_p[d]:", entropy_closed_form)
    print("dH/dbeta = -beta Var_p(d) <= 0 (bisection works):", entropy_decreasing)
    print("at beta = 0, H = log(N - 1), the largest possible:", largest_entropy)
    print("2**H_bits = exp(H_nats): one perplexity, two units:", bits_same_perplexity, "\n")
    print("joint P = (P_cond + P_cond.T) / (2N) sums to 1:", joint_sums_to_one, " symmetric:", joint_symmetric)
    print("Q sums to 1 over all pairs:", q_sums_to_one, "\n")
    print("dC/dy_00 (N = 3, 2-D; s_ij = ||y_i - y_j||^2):")
    print(pretty(grad_formula[0, 0]), "\n")
    print("step 1, C = const - sum p log w + log Z:", step1_holds)
    print("step 2, attraction 4 sum_j p_ij w_ij (y_i - y_j):", step2_holds)
    print("step 3, repulsion -4 sum_j q_ij w_ij (y_i - y_j):", step3_holds)
    print("step 4, dC/dy_i = 4 sum_j (p_ij - q_ij) w_ij (y_i - y_j):", gradient_holds)
    print("the forces balance, sum_i dC/dy_i = 0:", forces_balance, "\n")
    # >>> course-only: the references above, printed (kit release leaves them out)
    show(REFERENCES)
    # <<< course-only
