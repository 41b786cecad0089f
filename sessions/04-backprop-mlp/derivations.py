"""Session 04 derivations: backpropagation through a two-layer network, derived by SymPy.

Run it to see each derivation:  python sessions/04-backprop-mlp/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

The network and its layout (CS231n's), used everywhere in this session:
    X  (N, D)    W1 (D, H)   b1 (H,)    z1 = X @ W1 + b1   (N, H)    pre-activations
                                       h1 = max(z1, 0)     (N, H)    ReLU
                 W2 (H, C)   b2 (C,)    scores = h1 @ W2 + b2  (N, C)
    loss = -(1/N) * sum_n log softmax(scores[n])[y[n]]     y (N,) integer labels in 0..C-1
Every gradient has the shape of its variable: dW1.shape == W1.shape, db1.shape == b1.shape, ...

How the matrix formulas are obtained without index gymnastics:
  1. each layer on small explicit matrices of symbols: L = sum(dOut * out) has dL/d(out) = dOut
     for ANY upstream dOut, so SymPy's entry-by-entry derivative of L is "dOut pulled back
     through the layer"; the general formula (e.g. dW = X.T @ dOut) is proved equal to it;
  2. the whole network at once, N=2, D=2, H=3, C=2: SymPy differentiates the loss itself in every
     entry of X, W1, b1, W2, b2, and the layer formulas chained together (backprop) are proved
     equal to those direct derivatives, entry by entry; the NumPy code is then run against them.
ReLU's derivative is SymPy's Heaviside(z): 0 for z < 0, 1 for z > 0. At z == 0 (a kink) ReLU has
no derivative; SymPy's Heaviside(0) = 1/2 is a convention, not calculus. Kinks are rare (a set of
measure zero) but real: the references take `at_kink`, the slope used where z1 == 0 exactly.
"""

import numpy as np
import sympy as sp

from kit.symbolic import Reference, Source, show


def symbols_matrix(name, rows, cols):
    """A rows × cols Matrix of real symbols name00, name01, …"""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}{i}{j}", real=True))


def grad_matrix(L, A):
    """dL/dA laid out with A's shape: entry (i, j) is ∂L/∂A[i, j]."""
    return A.applyfunc(lambda a: sp.diff(L, a))


def pulled_back(dOut, out):
    """L = sum(dOut ⊙ out): its derivative in `out` is dOut, whatever dOut is."""
    return sum(g * o for g, o in zip(dOut, out))


def is_zero(M):
    """Every entry simplifies to 0. Entries are rational functions of symbols and exponentials,
    so exp(a - b) = exp(a) exp(-b), a common denominator and cancelling decides it exactly."""
    return all(sp.cancel(sp.together(sp.powsimp(sp.expand(e)))) == 0 for e in M)


def relu(M):
    return M.applyfunc(lambda z: sp.Max(z, 0))


def relu_slope(M):
    return M.applyfunc(sp.Heaviside)          # relu'(z), valid for z != 0


def softmax_rows(S):
    E = S.applyfunc(sp.exp)
    return sp.Matrix(S.rows, S.cols, lambda n, c: E[n, c] / sum(E[n, k] for k in range(S.cols)))


N, D, H, C = 2, 2, 3, 2                    # small; H differs from D and C, so W1 or W2 misread as transposed shows
ones_N = sp.ones(N, 1)

# ── linear layer: out = X @ W + b  (X (N, D), W (D, H), b (H,) as a column here, out (N, H))
X, W, b = symbols_matrix("x", N, D), symbols_matrix("w", D, H), symbols_matrix("b", H, 1)
dOut = symbols_matrix("g", N, H)           # any upstream gradient dL/d(out)
out = X * W + ones_N * b.T                 # "+ b" copies b into every row
L_lin = pulled_back(dOut, out)
dX_lin, dW_lin, db_lin = grad_matrix(L_lin, X), grad_matrix(L_lin, W), grad_matrix(L_lin, b)
linear_ok = (is_zero(dX_lin - dOut * W.T)           # dX = dOut @ W.T
             and is_zero(dW_lin - X.T * dOut)       # dW = X.T @ dOut
             and is_zero(db_lin - dOut.T * ones_N))  # db = dOut.sum(axis=0): b is shared by the N rows

# ── ReLU: h = max(z, 0) elementwise; dz = dh * relu'(z)
Z, dHid = symbols_matrix("z", N, H), symbols_matrix("a", N, H)
dZ_relu = grad_matrix(pulled_back(dHid, relu(Z)), Z)
relu_ok = is_zero(dZ_relu - dHid.multiply_elementwise(relu_slope(Z)))   # dz = dh * (z > 0)

# ── softmax cross-entropy, with the labels as one-hot rows T (each row sums to 1)
S = symbols_matrix("s", N, C)
T = sp.Matrix(N, C, lambda n, c: sp.Symbol(f"t{n}{c}", real=True))
one_hot = {T[n, C - 1]: 1 - sum(T[n, c] for c in range(C - 1)) for n in range(N)}   # rows sum to 1
P = softmax_rows(S)
log_sum_exp = [sp.log(sum(sp.exp(S[n, c]) for c in range(C))) for n in range(N)]
ce = -sum(T[n, c] * (S[n, c] - log_sum_exp[n]) for n in range(N) for c in range(C)) / N   # log p = s - lse(s)
dS_ce = grad_matrix(ce, S)
softmax_ce_ok = is_zero((dS_ce - (P - T) / N).subs(one_hot))           # dscores = (p - onehot(y)) / N
shift = sp.Symbol("m", real=True)
shift_ok = is_zero(softmax_rows(S - shift * sp.ones(N, C)) - P)         # softmax(s - m) == softmax(s)

# ── the whole network, N=2, D=2, H=3, C=2, labels y = (1, 0): SymPy differentiates the loss itself
X1, W1, b1 = symbols_matrix("x", N, D), symbols_matrix("u", D, H), symbols_matrix("c", H, 1)
W2, b2 = symbols_matrix("v", H, C), symbols_matrix("d", C, 1)
y_small = (1, 0)
z1 = X1 * W1 + ones_N * b1.T
h1 = relu(z1)
scores = h1 * W2 + ones_N * b2.T
P_net = softmax_rows(scores)
loss = -sum(scores[n, y_small[n]] - sp.log(sum(sp.exp(e) for e in scores.row(n))) for n in range(N)) / N
params = (X1, W1, b1, W2, b2)
direct = [grad_matrix(loss, A) for A in params]            # the chain rule, done by SymPy in one go
# Backprop: the layer formulas above, chained from the loss back to the input, in four steps.
# Layout: every gradient has its variable's shape; for a row of a batch the chain rule reads
# dL/d(in) = dL/d(out) · J with J in numerator layout (J[i, j] = ∂out_i/∂in_j).
Y_onehot = sp.Matrix(N, C, lambda n, c: 1 if c == y_small[n] else 0)
dscores = (P_net - Y_onehot) / N                            # step 1: softmax cross-entropy
dW2, db2 = h1.T * dscores, dscores.T * ones_N               # step 2: linear layer 2, input h1 (not z1)
dh1 = dscores * W2.T                                        #         ... and its pull-back to h1
dz1 = dh1.multiply_elementwise(relu_slope(z1))              # step 3: ReLU, relu'(z1) is 0 or 1
dW1, db1, dX1 = X1.T * dz1, dz1.T * ones_N, dz1 * W1.T      # step 4: linear layer 1, input X
chained = [dX1, dW1, db1, dW2, db2]


# Exactly equal, entry by entry: the same Max, Heaviside and exp atoms, so algebra decides it.
network_ok = linear_ok and relu_ok and softmax_ce_ok and all(is_zero(d - c) for d, c in zip(direct, chained))


# >>> course-only: the NumPy answers, run against SymPy's network (kit release leaves them out)
def numpy_function(code, name):
    namespace = {"np": np}
    exec(code, namespace)
    return namespace[name]


# SymPy's network and its direct derivatives as NumPy functions of the 21 entries of X, W1, b1, W2, b2.
flat_symbols = [e for A in params for e in A]
direct_np = sp.lambdify(flat_symbols, [list(A) for A in direct], modules="numpy", cse=True)
network_np = sp.lambdify(flat_symbols, (list(scores), loss, list(z1)), modules="numpy")


def random_points(count, seed):
    """Random parameter vectors whose pre-activations z1 stay at least 0.1 away from the kink."""
    rng = np.random.default_rng(seed)
    while count:
        point = rng.uniform(-2, 2, size=len(flat_symbols))
        if np.abs(network_np(*point)[2]).min() > 0.1:
            count -= 1
            yield point


# ── the general NumPy formulas, each checked against the SymPy network at a random point
SCORES_CODE = """\
def two_layer_scores(X, W1, b1, W2, b2):
    h1 = np.maximum(X @ W1 + b1, 0)
    return h1 @ W2 + b2
"""
GRADS_CODE = """\
def two_layer_grads(dscores, X, W1, b1, W2, b2, at_kink=0.0):
    z1 = X @ W1 + b1
    h1 = np.maximum(z1, 0)
    dW2 = h1.T @ dscores                           # step 2: linear layer 2
    db2 = dscores.sum(axis=0)
    dh1 = dscores @ W2.T
    dz1 = dh1 * ((z1 > 0) + at_kink * (z1 == 0))   # step 3: relu'(z1); at_kink where z1 == 0 exactly
    dW1 = X.T @ dz1                                # step 4: linear layer 1
    db1 = dz1.sum(axis=0)
    dX = dz1 @ W1.T
    return dX, dW1, db1, dW2, db2
"""
SOFTMAX_CODE = """\
def softmax_ce(scores, y):
    shifted = scores - scores.max(axis=1, keepdims=True)     # softmax(s - m) == softmax(s)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = scores.shape[0]
    rows = np.arange(n)
    loss = -log_p[rows, y].mean()
    dscores = np.exp(log_p)
    dscores[rows, y] -= 1
    return loss, dscores / n
"""


def numpy_matches_sympy(seed=7):
    """The NumPy code below, at a random point, gives SymPy's scores, loss and direct gradients."""
    point = next(random_points(1, seed))
    values, start = [], 0
    for A in params:                                        # unflatten: X, W1, b1 (H,), W2, b2 (C,)
        block = point[start:start + len(A)].reshape(A.shape)
        values.append(block.ravel() if A.cols == 1 else block)
        start += len(A)
    scores_sp, loss_sp, _ = network_np(*point)
    scores_np = numpy_function(SCORES_CODE, "two_layer_scores")(*values)
    loss_np, dscores_np = numpy_function(SOFTMAX_CODE, "softmax_ce")(scores_np, np.array(y_small))
    grads_np = numpy_function(GRADS_CODE, "two_layer_grads")(dscores_np, *values)
    ok = [np.allclose(scores_np.ravel(), scores_sp, rtol=1e-12), np.isclose(loss_np, loss_sp, rtol=1e-12)]
    for got, want, value in zip(grads_np, direct_np(*point), values):
        ok += [got.shape == value.shape, np.allclose(got.ravel(), want, rtol=1e-12, atol=1e-14)]
    return all(ok)


numpy_ok = numpy_matches_sympy()
# <<< course-only

# ── gradient checking: the probe functions of exercises.py's PROBES, and their exact gradients
v = sp.Symbol("v", real=True)
probe_exp = sp.exp(2 * v)                      # summed over the entries: f(x) = sum(exp(2 x))
probe_cubic = v ** 3                           # f(x) = sum(x ** 3)
# f(x) = sum(x) ** 2 / 2 + sum(sin(x)) couples the entries: derive on an explicit 4-vector
xs = symbols_matrix("q", 4, 1)
coupled = sum(xs) ** 2 / 2 + sum(sp.sin(q) for q in xs)
coupled_grad = grad_matrix(coupled, xs)
coupled_ok = is_zero(coupled_grad - xs.applyfunc(lambda q: sum(xs) + sp.cos(q)))
# Why central: the Taylor series of f(x ± h) around x. Forward differences keep an O(h) term.
hh, x0 = sp.symbols("h x0", real=True)
f = sp.Function("f")
taylor = {s: sp.series(f(x0 + s * hh), hh, 0, 4).removeO() for s in (1, -1)}
forward_error = sp.simplify((taylor[1] - f(x0)) / hh - sp.diff(f(x0), x0))          # h f''/2 + …
central_error = sp.simplify((taylor[1] - taylor[-1]) / (2 * hh) - sp.diff(f(x0), x0))  # h² f'''/6

# ── the relative error of gradient checking, elementwise; rel_error is its largest entry
a, bb = sp.symbols("a b", real=True)
floor = sp.Float(1e-8)
denominator = sp.Abs(a) + sp.Abs(bb)
rel_entries = sp.Abs(a - bb) / sp.Piecewise((floor, denominator < floor), (denominator, True))

# two_layer_backward is the session's derive-it-yourself exercise: its feedback points at these
# steps (the derivation), not at the finished NumPy lines (GRADS_CODE, in the organizer's copy).
BACKWARD_STEPS = ("the chain rule, node by node, backwards (derivations.py, steps 1-4): step 1 softmax-CE gives "
                  "dscores (N, C); step 2 linear layer 2 (input h1) gives dW2 (H, C), db2 (C,) and dh1 (N, H); "
                  "step 3 ReLU turns dh1 into dz1 (N, H); step 4 linear layer 1 (input X) gives dW1 (D, H), "
                  "db1 (H,) and dX (N, D)")

# >>> course-only: what the kit grades against, NumPy answers among them (kit release leaves them out)
COUPLED_CODE = "def probe_coupled(x):\n    return np.sum(x) ** 2 / 2 + np.sum(np.sin(x))\n"
coupled_value_ok = bool(np.isclose(numpy_function(COUPLED_CODE, "probe_coupled")(np.array([0.5, -1.0, 2.0, 0.25])),
                                   float(coupled.subs(dict(zip(xs, (0.5, -1.0, 2.0, 0.25))))), rtol=1e-14))

REFERENCES = [
    Source("two_layer_scores", SCORES_CODE, verified=numpy_ok,
           formula="scores = np.maximum(X @ W1 + b1, 0) @ W2 + b2"),
    Source("two_layer_grads", GRADS_CODE, verified=network_ok and numpy_ok,
           formula=BACKWARD_STEPS),
    Source("softmax_ce", SOFTMAX_CODE, verified=softmax_ce_ok and shift_ok and numpy_ok,
           formula="p = softmax(scores - scores.max(axis=1, keepdims=True)); "
                   "loss = -np.mean(np.log(p[np.arange(N), y])); dscores = (p - onehot(y)) / N"),
    Reference("probe_exp", (v,), probe_exp, formula="f(x) = np.sum(np.exp(2 * x))"),
    Reference("probe_exp_grad", (v,), sp.diff(probe_exp, v), formula="df/dx = 2 * np.exp(2 * x)"),
    Reference("probe_cubic", (v,), probe_cubic, formula="f(x) = np.sum(x ** 3)"),
    Reference("probe_cubic_grad", (v,), sp.diff(probe_cubic, v), formula="f(x) = np.sum(x ** 3),  df/dx = 3 * x ** 2"),
    Source("probe_coupled", COUPLED_CODE, verified=coupled_value_ok,
           formula="f(x) = np.sum(x) ** 2 / 2 + np.sum(np.sin(x))"),
    Source("probe_coupled_grad", "def probe_coupled_grad(x):\n    return np.sum(x) + np.cos(x)\n",
           verified=coupled_ok, formula="f(x) = np.sum(x) ** 2 / 2 + np.sum(np.sin(x)),  df/dx = np.sum(x) + np.cos(x)"),
    Reference("rel_error_entries", (a, bb), rel_entries,
              formula="np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b)))"),
]
# <<< course-only

if __name__ == "__main__":
    print(f"Layout: X ({N}, {D}), W1 ({D}, {H}), b1 ({H},), W2 ({H}, {C}), b2 ({C},), scores ({N}, {C})\n")
    print("Linear layer out = X W + b, with L = sum(dOut ⊙ out). SymPy's dL/dW, entry by entry:")
    sp.pprint(dW_lin)
    print("ReLU: SymPy's dL/dz, entry by entry (Heaviside = relu'):")
    sp.pprint(dZ_relu)
    print("Softmax cross-entropy: SymPy's dL/ds[0, 0] =", sp.simplify(dS_ce[0, 0].subs(one_hot)))
    print("\nThe whole network, differentiated directly by SymPy: one entry of db1 is already")
    print("  ", sp.count_ops(direct[2][0]), "operations long (every Max and exp spelled out), e.g. ∂loss/∂d0 (d = b2):")
    print("  ", direct[4][0])
    print("Backprop computes the same numbers from short shared pieces, in four steps (compare your own):")
    print("  step 1  softmax-CE      dscores = (P - onehot(y)) / N                    (N, C)")
    print("  step 2  linear layer 2  dW2 = h1ᵀ dscores, db2 = Σ_rows dscores, dh1 = dscores W2ᵀ")
    print("  step 3  ReLU            dz1 = dh1 ⊙ H(z1)                                (N, H)")
    print("  step 4  linear layer 1  dW1 = Xᵀ dz1, db1 = Σ_rows dz1, dX = dz1 W1ᵀ")
    print(f"\nproved: linear layer (dX = dOut Wᵀ, dW = Xᵀ dOut, db = Σ_rows dOut): {linear_ok};  "
          f"ReLU (dz = dh ⊙ H(z)): {relu_ok};  softmax CE (ds = (p - onehot)/N): {softmax_ce_ok};  "
          f"shift invariance: {shift_ok}")
    print(f"backprop (chained layer formulas) == SymPy's direct derivative of the loss: {network_ok}")
    # >>> course-only: the NumPy answers' check
    print(f"NumPy code == SymPy: {numpy_ok}")
    # <<< course-only
    print(f"\nforward difference error  (f(x+h) - f(x))/h - f'(x)       = {forward_error}")
    print(f"central difference error  (f(x+h) - f(x-h))/(2h) - f'(x) = {central_error}")
    print(f"f(x) = sum(x)**2/2 + sum(sin(x)): df/dx = sum(x) + cos(x), proved: {coupled_ok}\n")
    # >>> course-only: prints the NumPy answers
    show(REFERENCES)
    # <<< course-only
