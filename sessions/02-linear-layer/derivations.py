"""Session 02 derivations: the linear (affine) layer, the MSE loss and least squares, by SymPy.

Run it to see each derivation:  python sessions/02-linear-layer/derivations.py
The kit turns REFERENCES into NumPy code and grades exercises.py against it (the organizer's copy;
the learner edition holds no REFERENCES, only the values kit release recorded from them).

Layout, used everywhere in this session (CS231n's):
    X  (N, D)   one sample per row          W  (D, M)        b  (M,)
    Y = X @ W + b  (N, M)                   dY = dL/dY  (N, M), the upstream gradient
and every gradient has the shape of the thing it is the gradient of: dX (N, D), dW (D, M), db (M,).

Matrix calculus without index gymnastics: take small explicit matrices of symbols, let SymPy
differentiate the scalar L = sum(dY * Y) entry by entry (its derivative in Y is exactly dY, so
dL/dX is "dY pulled back through the layer"), then prove the general NumPy formula equal.
"""

import sympy as sp

from kit.symbolic import Source, show


def symbols_matrix(name, rows, cols):
    """A rows × cols Matrix of real symbols name00, name01, …"""
    return sp.Matrix(rows, cols, lambda i, j: sp.Symbol(f"{name}{i}{j}", real=True))


def grad_matrix(L, A):
    """dL/dA, laid out with A's shape: entry (i, j) is ∂L/∂A[i, j]."""
    return A.applyfunc(lambda a: sp.diff(L, a))


def is_zero(M):
    return all(sp.simplify(e) == 0 for e in M)


N, D, M = 2, 3, 2                      # small, and all different, so a missing transpose cannot hide
X = symbols_matrix("x", N, D)
W = symbols_matrix("w", D, M)
b = symbols_matrix("b", M, 1)          # a column here; (M,) in NumPy
dY = symbols_matrix("g", N, M)         # the upstream gradient dL/dY
ones = sp.ones(N, 1)

# ── forward: Y[n, m] = sum_d X[n, d] W[d, m] + b[m]; "+ b" adds b to every row (broadcasting)
Y_entries = sp.Matrix(N, M, lambda n, m: sum(X[n, d] * W[d, m] for d in range(D)) + b[m])
Y = X * W + ones * b.T                 # the matrix form: ones * b.T is b copied into each row
forward_ok = is_zero(Y - Y_entries)

# ── the Jacobian of vec(Y) in vec(W): (N*M) × (D*M) numbers, almost all zero; never built in practice
jacobian_W = Y.reshape(N * M, 1).jacobian(W.reshape(D * M, 1))

# ── backward: L = sum(dY ⊙ Y), so dL/dY = dY; SymPy differentiates L in every entry
L = sum(dY[n, m] * Y[n, m] for n in range(N) for m in range(M))
dX = grad_matrix(L, X)                 # (N, D)
dW = grad_matrix(L, W)                 # (D, M)
db = grad_matrix(L, b)                 # (M, 1)
# The general formulas, proved equal to SymPy's entry-by-entry derivatives:
dX_ok = is_zero(dX - dY * W.T)         # dX = dY @ W.T          (N, M) @ (M, D)
dW_ok = is_zero(dW - X.T * dY)         # dW = X.T @ dY          (D, N) @ (N, M)
db_ok = is_zero(db - dY.T * ones)      # db = sum over n of dY  (one b is shared by all N rows)

# ── MSE: L = mean over ALL entries of (ŷ - y)^2. Shown on a 2 × 2 prediction (N = 2, M = 2).
Yp, T = symbols_matrix("p", 2, 2), symbols_matrix("t", 2, 2)
count = Yp.rows * Yp.cols              # y_pred.size: the mean is over every entry, not only N rows
mse = sum((Yp[i] - T[i]) ** 2 for i in range(count)) / count
d_mse = grad_matrix(mse, Yp)
mse_ok = is_zero(d_mse - 2 * (Yp - T) / count)

# ── least squares: the MSE of a linear model y ≈ X w, with X (N, D) = (3, 2), w (D,), y (N,)
Xs, ws, ys = symbols_matrix("x", 3, 2), symbols_matrix("w", 2, 1), symbols_matrix("y", 3, 1)
r = Xs * ws - ys                       # residuals (N, 1)
loss_w = sum(e ** 2 for e in r) / Xs.rows
grad_w = grad_matrix(loss_w, ws)       # (D, 1)
grad_w_ok = is_zero(grad_w - 2 * Xs.T * (Xs * ws - ys) / Xs.rows)
# grad = 0  ⇔  (X.T X) w = X.T y: the normal equations. Their solution zeroes SymPy's gradient.
w_star = (Xs.T * Xs).LUsolve(Xs.T * ys)
normal_ok = is_zero(grad_w.subs(dict(zip(ws, w_star))))

# ── derive-it-yourself: the MSE of a linear model with M outputs, differentiated in W.
#    X (N, D), W (D, M), Y (N, M);  L(W) = mean over all N*M entries of (X W - Y)^2.
#    Derive it on paper first, then compare your steps with these.
Nq, Dq, Mq = 3, 2, 4                   # all different, so a transpose or a wrong count cannot hide
Xq, Wq, Yq = symbols_matrix("x", Nq, Dq), symbols_matrix("w", Dq, Mq), symbols_matrix("y", Nq, Mq)
# step 1: name the pieces: P = X W (N, M), the predictions; L = mse(P, Y), the mean over all N*M entries
Pq = Xq * Wq
Ps = symbols_matrix("p", Nq, Mq)       # P as free symbols, for the loss's own gradient
mse_of = lambda A: sum((A[i] - Yq[i]) ** 2 for i in range(Nq * Mq)) / (Nq * Mq)
# step 2: the loss's gradient in P (the MSE derivation above), at the forward pass's P = X W
dP = grad_matrix(mse_of(Ps), Ps).subs(dict(zip(Ps, Pq)))
# step 3: pull dP back through P = X W with the layer's rule for W (dW = Xᵀ dY, proved above)
dW_chain = Xq.T * dP                   # (D, N) (N, M) -> (D, M), W's shape
# independent: SymPy differentiates L(W) entry by entry, and the general NumPy formula agrees with both
dW_direct = grad_matrix(mse_of(Pq), Wq)
linear_mse_ok = is_zero(dW_chain - dW_direct) and is_zero(dW_direct - 2 * Xq.T * (Xq * Wq - Yq) / (Nq * Mq))
LINEAR_MSE_STEPS = ("derive it in steps (derivations.py, steps 1-3): 1 name the pieces P = X @ W (N, M) and "
                    "L = the mean of (P - Y) ** 2 over all N*M entries; 2 the loss's gradient in P (as in "
                    "mse_loss); 3 pull it back through P = X @ W with the linear layer's rule for dW, shape (D, M)")

# >>> course-only: the NumPy answers, each admitted by a proof above (kit release leaves them out)
REFERENCES = [
    Source("affine_forward", "def affine_forward(x, W, b):\n"
           "    return x.reshape(x.shape[0], -1) @ W + b\n",
           verified=forward_ok, formula="out = x.reshape(N, D) @ W + b   (b added to every row)"),
    Source("affine_backward_dx", "def affine_backward_dx(dout, x, W):\n"
           "    return (dout @ W.T).reshape(x.shape)\n",
           verified=dX_ok, formula="dx = (dout @ W.T).reshape(x.shape)"),
    Source("affine_backward_dW", "def affine_backward_dW(dout, x):\n"
           "    return x.reshape(x.shape[0], -1).T @ dout\n",
           verified=dW_ok, formula="dW = x.reshape(N, D).T @ dout"),
    Source("affine_backward_db", "def affine_backward_db(dout):\n"
           "    return dout.sum(axis=0)\n",
           verified=db_ok, formula="db = dout.sum(axis=0)   (sum over the N samples)"),
    Source("mse_loss", "def mse_loss(y_pred, y):\n"
           "    return np.mean((y_pred - y) ** 2)\n",
           verified=mse_ok, formula="loss = np.mean((y_pred - y) ** 2)   (mean over all entries)"),
    Source("mse_loss_grad", "def mse_loss_grad(y_pred, y):\n"
           "    return 2 * (y_pred - y) / y_pred.size\n",
           verified=mse_ok, formula="dy_pred = 2 * (y_pred - y) / y_pred.size"),
    Source("linear_mse_gradient", "def linear_mse_gradient(X, W, Y):\n"
           "    return 2 * X.T @ (X @ W - Y) / Y.size\n",
           verified=linear_mse_ok, formula=LINEAR_MSE_STEPS),
    Source("normal_equations", "def normal_equations(X, y):\n"
           "    gram, moment = X.T @ X, X.T @ y      # the two sides of the normal equations\n"
           "    return np.linalg.solve(gram, moment)\n",
           verified=grad_w_ok and normal_ok, formula="solve (X.T @ X) w = X.T @ y:  np.linalg.solve(X.T @ X, X.T @ y)"),
    Source("linear_mse_grad", "def linear_mse_grad(w, X, y):\n"
           "    return 2 * X.T @ (X @ w - y) / X.shape[0]\n",
           verified=grad_w_ok, formula=LINEAR_MSE_STEPS + "  (here M = 1)"),
    Source("gradient_descent_step", "def gradient_descent_step(w, X, y, lr):\n"
           "    return w - lr * (2 * X.T @ (X @ w - y) / X.shape[0])\n",
           verified=grad_w_ok and linear_mse_ok,
           formula="w_new = w - lr * grad, grad = linear_mse_gradient(X, w, y), the loss's gradient in w"),
]
# <<< course-only

if __name__ == "__main__":
    print(f"Layout: X ({N}, {D}), W ({D}, {M}), b ({M},), Y = X W + b ({N}, {M})\n")
    print("Y = X W + 1 bᵀ, entry by entry:")
    sp.pprint(Y)
    print(f"\nJacobian of vec(Y) in vec(W): {jacobian_W.shape}, {sum(e != 0 for e in jacobian_W)} of "
          f"{len(jacobian_W)} entries nonzero")
    sp.pprint(jacobian_W)
    print("\nL = sum(dY ⊙ Y); SymPy's dL/dX, entry by entry:")
    sp.pprint(dX)
    print("dL/dW:")
    sp.pprint(dW)
    print("dL/db:")
    sp.pprint(db)
    print(f"\nproved: forward = X W + 1 bᵀ: {forward_ok};  dX = dY Wᵀ: {dX_ok};  dW = Xᵀ dY: {dW_ok};  "
          f"db = Σ_n dY: {db_ok}")
    print("\nMSE over a 2 × 2 prediction, d loss / d y_pred:")
    sp.pprint(d_mse)
    print(f"proved: d mse = 2 (ŷ - y) / size: {mse_ok}")
    print("\nLeast squares, X (3, 2): ∂/∂w0 of mean((X w - y)^2), collected in w:")
    sp.pprint(sp.collect(sp.expand(grad_w[0]), list(ws)))
    print(f"proved: grad = 2 Xᵀ (X w - y) / N: {grad_w_ok};  the normal equations' solution zeroes it: {normal_ok}\n")
    print(f"\nThe MSE of a linear model in W, X ({Nq}, {Dq}), W ({Dq}, {Mq}): chained in three steps, it equals "
          f"SymPy's entry-by-entry derivative: {linear_mse_ok}\n")
    # >>> course-only: prints the NumPy answers
    show(REFERENCES)
    # <<< course-only
