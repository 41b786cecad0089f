"""Session 03 derivations: softmax, log-softmax, the softmax Jacobian and the cross-entropy gradient.

Run it to see each derivation:  python sessions/03-softmax-cross-entropy/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Layout: logits z are (N, C), one row per example, one column per class; labels y are integers
of shape (N,) with values in 0..C-1; every gradient has z's shape (dz.shape == z.shape).
SymPy works on small explicit vectors and matrices (C = 3; N = 2, C = 3). Each general NumPy
formula is admitted only after SymPy proves it equal to the derivation on those symbols.
"""

import sympy as sp

from kit.symbolic import Source, show

C = 3                                              # classes in the symbolic examples
z = sp.Matrix(sp.symbols(f"z0:{C}", real=True))    # one row of logits, as a column vector
m = sp.Symbol("m", real=True)                      # any shift; the code uses the row max


def softmax_of(v):
    """p_i = exp(v_i) / sum_j exp(v_j), entry by entry."""
    total = sum(sp.exp(vi) for vi in v)
    return v.applyfunc(lambda vi: sp.exp(vi) / total)


def is_zero(matrix):
    return matrix.applyfunc(lambda e: sp.simplify(e)) == sp.zeros(*matrix.shape)


# ── softmax: p = exp(z) / sum(exp(z)); shifting every logit by m changes nothing
p = softmax_of(z)
shift_cancels = is_zero(softmax_of(z.applyfunc(lambda zi: zi - m)) - p)   # exp(-m) cancels top and bottom

# ── log-sum-exp: log(sum(exp(z))) = m + log(sum(exp(z - m))) for every m
lse = sp.log(sum(sp.exp(zi) for zi in z))
lse_shifted = m + sp.log(sum(sp.exp(zi - m) for zi in z))
lse_shift_holds = sp.simplify(lse_shifted - lse) == 0

# ── log-softmax: log(p_i) = z_i - log(sum(exp(z))); no division, no log of a tiny p
log_p = p.applyfunc(lambda pi: sp.expand_log(sp.log(pi), force=True))
log_softmax_holds = is_zero(log_p - z.applyfunc(lambda zi: zi - lse))

# ── the softmax Jacobian, J[i, k] = d p_i / d z_k (numerator layout: row i is output p_i, column k
# is input z_k). softmax_jacobian is the session's derive-it-yourself exercise: its feedback points at
# these steps, not at the final matrix.
e = z.applyfunc(sp.exp)                           # numerators e_i = exp(z_i)
S = sum(e)                                        # the shared denominator; p_i = e_i / S
# step 1: the denominator depends on every logit: dS/dz_k = e_k
dS = sp.Matrix([sp.diff(S, zk) for zk in z])
step1_holds = is_zero(dS - e)
# step 2: the quotient rule for p_i = e_i / S; the numerator depends on z_k only when i == k
delta = sp.eye(C)
quotient = sp.Matrix(C, C, lambda i, k: (delta[i, k] * e[i] * S - e[i] * dS[k]) / S**2)
J = p.jacobian(z)                                 # SymPy differentiates p itself
step2_holds = is_zero(J - quotient)
# step 3: divide top and bottom by S**2 and read e_i / S as p_i: J[i, k] = p_i * (delta_ik - p_k)
entrywise = sp.Matrix(C, C, lambda i, k: p[i] * (delta[i, k] - p[k]))
step3_holds = is_zero(quotient - entrywise)
# step 4: every entry at once, as NumPy builds it; and sum_i p_i = 1 for all z, so columns sum to 0
J_general = sp.diag(*p) - p * p.T
jacobian_holds = bool(step1_holds and step2_holds and step3_holds and is_zero(J - J_general))
columns_sum_to_zero = is_zero(sp.ones(1, C) * J)

# ── softmax + cross-entropy on a batch: N = 2 rows, C = 3 classes
N = 2
Z = sp.Matrix(N, C, lambda n, c: sp.Symbol(f"z{n}{c}", real=True))
P = sp.Matrix.vstack(*[softmax_of(Z.row(n).T).T for n in range(N)])
y = [2, 0]                                        # integer labels: row 0 is class 2, row 1 is class 0
Y = sp.Matrix(N, C, lambda n, c: int(c == y[n]))  # their one-hot rows
loss = -sum(sp.log(P[n, y[n]]) for n in range(N)) / N      # the batch mean of -log p[y]
dZ = sp.Matrix(N, C, lambda n, c: sp.diff(loss, Z[n, c]))  # dL/dz, entry by entry
ce_grad_holds = is_zero(dZ - (P - Y) / N)

# The same for every label at once: one-hot weights W (each row sums to 1), loss = -sum(W * log P) / N.
W = sp.Matrix(N, C, lambda n, c: sp.Symbol(f"w{n}{c}", real=True))
loss_w = -sum(W[n, c] * sp.log(P[n, c]) for n in range(N) for c in range(C)) / N
dZ_w = sp.Matrix(N, C, lambda n, c: sp.diff(loss_w, Z[n, c]))
rows_sum_to_one = {W[n, C - 1]: 1 - sum(W[n, c] for c in range(C - 1)) for n in range(N)}
ce_grad_all_labels_holds = is_zero((dZ_w - (P - W) / N).subs(rows_sum_to_one))

# ── the sanity check: with all logits equal, p = 1/C and the loss is ln C
a = sp.Symbol("a", real=True)
initial_loss = sp.simplify(loss.subs({Zi: a for Zi in Z}))
initial_loss_holds = sp.simplify(initial_loss - sp.log(C)) == 0

# >>> course-only: the NumPy answers, each admitted by a proof above (kit release leaves them out)
SOFTMAX = '''
def softmax(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(z - np.max(z, axis=1, keepdims=True))   # shift each row by its max: nothing overflows
    return e / np.sum(e, axis=1, keepdims=True)
'''

LOG_SOFTMAX = '''
def log_softmax(z):
    z = np.asarray(z, dtype=float)
    m = np.max(z, axis=1, keepdims=True)                      # the shift that changes nothing
    return (z - m) - np.log(np.sum(np.exp(z - m), axis=1, keepdims=True))   # z - logsumexp(z)
'''

JACOBIAN = '''
def softmax_jacobian(z_row):
    z_row = np.asarray(z_row, dtype=float)
    e = np.exp(z_row - np.max(z_row))
    p = e / np.sum(e)
    return np.diag(p) - np.outer(p, p)
'''

CE_LOSS = '''
def cross_entropy_loss(z, y):
    logp = log_softmax(z)
    rows = np.arange(logp.shape[0])
    return -np.mean(logp[rows, np.asarray(y)])
'''

CE_DZ = '''
def cross_entropy_dz(z, y):
    p = softmax(z)
    onehot = np.zeros_like(p)
    onehot[np.arange(p.shape[0]), np.asarray(y)] = 1.0
    return (p - onehot) / p.shape[0]
'''

JACOBIAN_STEPS = ("J[i, k] = dp_i/dz_k with p_i = e_i / S, e_i = exp(z_i), S = sum_j e_j (derivations.py, steps 1-3): "
                  "step 1 dS/dz_k; step 2 the quotient rule, whose numerator term is there only when i == k; "
                  "step 3 write every e / S as a p. Check: each column of J sums to 0")

REFERENCES = [
    Source("softmax", SOFTMAX, verified=shift_cancels,
           formula="p = exp(z - m) / sum(exp(z - m), axis=1),  m = max(z, axis=1, keepdims=True)"),
    Source("log_softmax", LOG_SOFTMAX, verified=bool(log_softmax_holds and lse_shift_holds),
           formula="log_softmax(z) = z - m - log(sum(exp(z - m), axis=1)),  m = the row max"),
    Source("softmax_jacobian", JACOBIAN, verified=bool(jacobian_holds and columns_sum_to_zero and shift_cancels),
           formula=JACOBIAN_STEPS),
    Source("cross_entropy_loss", CE_LOSS, verified=bool(log_softmax_holds and lse_shift_holds and initial_loss_holds),
           formula="loss = -mean(log_softmax(z)[arange(N), y])"),
    Source("cross_entropy_dz", CE_DZ, verified=bool(ce_grad_holds and ce_grad_all_labels_holds and shift_cancels),
           formula="dz = (softmax(z) - onehot(y)) / N"),
]
# <<< course-only

if __name__ == "__main__":
    sp.init_printing(use_unicode=True)
    print("softmax of one row, C = 3:")
    sp.pprint(p.T)
    print("\nshift by m changes nothing:", shift_cancels,
          "   log-sum-exp: log(sum(exp(z))) = m + log(sum(exp(z - m))):", lse_shift_holds)
    print("log(p_i) = z_i - log(sum(exp(z))):", log_softmax_holds)
    print("\nJacobian d p_i / d z_k (numerator layout), in steps:")
    print("step 1, dS/dz_k = e_k:", step1_holds)
    print("step 2, the quotient rule (delta_ik e_i S - e_i e_k) / S**2 equals Matrix.jacobian:", step2_holds)
    print("  entry [0, 0] and [0, 1] from Matrix.jacobian:")
    sp.pprint(sp.simplify(J[0, 0]))
    sp.pprint(sp.simplify(J[0, 1]))
    print("step 3, J[i, k] = p_i (delta_ik - p_k):", step3_holds)
    print("step 4, all at once, equal to diag(p) - p p^T:", jacobian_holds, "   columns sum to 0:", columns_sum_to_zero)
    print(f"\ncross-entropy on a batch N = {N}, C = {C}, labels y = {y}:")
    sp.pprint(loss)
    print("dL/dz, row 0 (label 2):")
    sp.pprint(dZ.row(0).applyfunc(sp.simplify))
    print("dL/dz = (P - onehot(y)) / N:", ce_grad_holds, "   for every label (one-hot weights):", ce_grad_all_labels_holds)
    print(f"loss at equal logits: {initial_loss}  (= ln C: {initial_loss_holds})\n")
    # >>> course-only: prints the NumPy answers
    show(REFERENCES)
    # <<< course-only
