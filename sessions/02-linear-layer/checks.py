"""Hidden tests for session 02: the affine layer, the MSE loss and least squares, against the
SymPy-verified formulas of derivations.py (via kit.derive), never against solutions/.

Shapes are chosen on purpose. Rectangular cases (N, D, M all different) make a missing transpose
or a wrong axis show up as a wrong shape. Square cases (N = D = M) let those mistakes run, so the
message can name them. Multi-dimensional inputs (N, d1, ..., dk) test the reshape to (N, D).
"""

import numpy as np

from kit import probes
from kit.judges import Case, Style, against_own_forward, values
from kit.spec import Exercise

SOURCE = "sessions/02-linear-layer/derivations.py"
RESHAPE_ADVICE = ("`x.shape = ...` reshapes the caller's array itself; x.reshape(N, -1) returns a new view "
                  "and leaves x alone")
STEP_ADVICE = "`w -= lr * grad` writes into the caller's w; return w - lr * grad, a new array"
STEP = "derivations.py, step {}: "     # linear_mse_gradient is derive-it-yourself: advice names the step


def tried(f):
    """f() or None when the mistake cannot even be computed for these shapes (e.g. a missing transpose)."""
    try:
        with np.errstate(all="ignore"):
            return f()
    except (ValueError, IndexError):
        return None


def rows(x):
    """x as (N, D): one sample per row."""
    return x.reshape(x.shape[0], -1)


def layer(rng, x_shape, M):
    """(x, W, b) for an input of shape x_shape, with M outputs."""
    D = int(np.prod(x_shape[1:]))
    return probes.ordinary(rng, x_shape), probes.ordinary(rng, (D, M)), probes.ordinary(rng, (M,))


def describe(x, M):
    """How a message names an input: "a 4×3 input, M = 2"."""
    return f"a {x.shape[0]}×{x.shape[1]} input, M = {M}"


def exercises(refs, rng):
    fwd = refs["affine_forward"]
    bdx, bdW, bdb = refs["affine_backward_dx"], refs["affine_backward_dW"], refs["affine_backward_db"]
    mse, mse_grad = refs["mse_loss"], refs["mse_loss_grad"]
    solve, step, lin_grad = refs["normal_equations"], refs["gradient_descent_step"], refs["linear_mse_grad"]

    # ── affine_forward(x, W, b) ───────────────────────────────────────────────
    def fcase(x_shape, M, label=None):
        x, W, b = layer(rng, x_shape, M)
        return Case((x, W, b), label or describe(x, M), fwd(x, W, b))

    f_style = Style(("x", "W", "b"), refs.formulas["affine_forward"], SOURCE, elementwise=False,
                    mistakes=lambda x, W, b: [
                        ("b added down the columns (b[:, None]): each sample got its own constant",
                         tried(lambda: rows(x) @ W + b[:, None]),
                         "b has one entry per output column; `+ b` with b of shape (M,) adds it to every row"),
                        ("b is left out", rows(x) @ W, "out = x @ W + b"),
                        ("b summed into one number", rows(x) @ W + b.sum(), "add the vector b, one entry per output"),
                        ("x.reshape(D, N).T: the samples are scrambled", tried(lambda: x.reshape(-1, x.shape[0]).T @ W + b),
                         "keep the sample axis first: x.reshape(N, -1), N = x.shape[0]")])
    f_rect = [fcase((4, 3), 2), fcase((5, 2), 4)]
    f_multi = [fcase((3, 1, 2), 2, "x of shape (3, 1, 2): N = 3 samples of shape (1, 2), M = 2"),
               fcase((2, 1, 1, 3), 3, "x of shape (2, 1, 1, 3): N = 2 samples of shape (1, 1, 3), M = 3")]
    f_image = [fcase((2, 2, 3), 2, "x of shape (2, 2, 3): N = 2 samples of shape (2, 3), so D = 6"),
               fcase((3, 2, 2, 2), 3, "x of shape (3, 2, 2, 2): N = 3 samples, D = 8")]
    affine_fwd = Exercise("affine_forward", [
        values("affine_forward/rectangular", "affine_forward", f_rect, f_style),
        values("affine_forward/bias-every-row", "affine_forward",
               [fcase((3, 2), 3, "a 3×2 input, M = 3 (N = M, so a wrongly broadcast b still runs)"),
                fcase((2, 4), 2, "a 2×4 input, M = 2 (N = M)")], f_style),
        values("affine_forward/keeps-N-rows", "affine_forward", [f_rect[0]] + f_multi, f_style),
        values("affine_forward/multi-dim-input", "affine_forward", [f_rect[0]] + f_image, f_style),
        values("affine_forward/inputs-unchanged", "affine_forward", f_rect[:1] + f_multi[:1] + f_image, f_style,
               unchanged=True, unchanged_advice=RESHAPE_ADVICE),
    ])

    # ── affine_backward(dout, x, W, b) ────────────────────────────────────────
    def bcase(x_shape, M, label=None):
        x, W, b = layer(rng, x_shape, M)
        dout = probes.ordinary(rng, (x.shape[0], M))
        return Case((dout, x, W, b), label or describe(x, M), (bdx(dout, x, W), bdW(dout, x), bdb(dout)))

    def b_mistakes(dout, x, W, b):
        X, N = rows(x), x.shape[0]
        return [
            ("dx = dout @ W: W's transpose is missing", (tried(lambda: (dout @ W).reshape(x.shape)), None, None),
             "dx = dout @ W.T: (N, M) @ (M, D) gives x's (N, D)"),
            ("dW = x @ dout: x's transpose is missing", (None, tried(lambda: X @ dout), None),
             "dW = x.T @ dout: (D, N) @ (N, M) gives W's (D, M)"),
            ("dW = dout.T @ x: that is dW transposed, shape (M, D)", (None, tried(lambda: dout.T @ X), None),
             "dW must have W's shape (D, M): x.T @ dout"),
            ("dW divided by N", (None, X.T @ dout / N, None),
             "the 1/N belongs to the loss (mse_loss's gradient has it); a layer's backward only applies the chain rule"),
            ("db summed over axis=1 (over the outputs) instead of axis=0 (over the samples)",
             (None, None, dout.sum(axis=1)), "b is shared by the N rows: db = dout.sum(axis=0), shape (M,)"),
            ("db = dout.mean(axis=0): a mean, not a sum", (None, None, dout.mean(axis=0)),
             "each of the N rows adds its own dout to b's gradient: sum, do not average"),
        ]

    b_style = Style(("dout", "x", "W", "b"),
                    "; ".join(refs.formulas[k] for k in ("affine_backward_dx", "affine_backward_dW", "affine_backward_db")),
                    SOURCE, elementwise=False, outputs=("dx", "dW", "db"), mistakes=b_mistakes)
    b_rect = [bcase((4, 3), 2), bcase((3, 2), 4)]
    b_multi = [bcase((2, 2, 3), 2, "x of shape (2, 2, 3): N = 2, D = 6, M = 2"),
               bcase((3, 1, 2, 2), 3, "x of shape (3, 1, 2, 2): N = 3, D = 4, M = 3")]
    b_fd = [bcase((2, 3), 2, "a 2×3 input, M = 2"), bcase((2, 2, 2), 2, "x of shape (2, 2, 2): N = 2, D = 4, M = 2")]
    affine_bwd = Exercise("affine_backward", [
        values("affine_backward/rectangular", "affine_backward", b_rect, b_style),
        values("affine_backward/square", "affine_backward",
               [bcase((3, 3), 3, "a 3×3 input, M = 3 (N = D = M, so a missing transpose still runs)"),
                bcase((2, 2), 2, "a 2×2 input, M = 2 (N = D = M)")], b_style),
        values("affine_backward/multi-dim-input", "affine_backward", [b_rect[0]] + b_multi, b_style),
        values("affine_backward/inputs-unchanged", "affine_backward", b_rect[:1] + b_multi, b_style,
               unchanged=True, unchanged_advice=RESHAPE_ADVICE),
        against_own_forward("affine_backward/matches-forward", "affine_backward", "affine_forward", b_fd, b_style,
                            forward_args=lambda dout, x, W, b: (x, W, b), wrt=(0, 1, 2)),
    ])

    # ── mse_loss(y_pred, y) ───────────────────────────────────────────────────
    def mcase(shape, label):
        y_pred, y = probes.ordinary(rng, shape), probes.ordinary(rng, shape)
        return Case((y_pred, y), label, (mse(y_pred, y), mse_grad(y_pred, y)))

    def m_mistakes(y_pred, y):
        r, n = y_pred - y, y_pred.shape[0]
        return [
            ("dy_pred = 2 * (y_pred - y): the 1/N of the mean is missing", (None, 2 * r),
             "the mean divides every squared error by y_pred.size, so its gradient is divided too"),
            ("dy_pred = (y_pred - y) / N: the 2 from d(r²)/dr = 2r is missing", (None, r / r.size),
             "d/dr r² = 2r"),
            ("divided by N = len(y) only, not by the number of entries", (np.sum(r ** 2) / n, 2 * r / n),
             "this session's MSE is the mean over all entries: np.mean((y_pred - y) ** 2) and 2 * (y_pred - y) / y_pred.size"),
            ("the loss is the sum of squares, not their mean", (np.sum(r ** 2), None), "loss = np.mean((y_pred - y) ** 2)"),
            ("the loss is the root of the MSE (RMSE)", (np.sqrt(np.mean(r ** 2)), None), "no square root: the mean of the squares"),
            ("the errors are not squared: mean(|y_pred - y|)", (np.mean(np.abs(r)), None), "square each error: (y_pred - y) ** 2"),
        ]

    m_style = Style(("y_pred", "y"), refs.formulas["mse_loss"] + ";  " + refs.formulas["mse_loss_grad"], SOURCE,
                    elementwise=False, outputs=("loss", "dy_pred"), mistakes=m_mistakes)
    m_vec = [mcase((6,), "a vector of 6 predictions"), mcase((9,), "a vector of 9 predictions")]
    m_mat = [mcase((4, 3), "a 4×3 prediction (N = 4 samples, M = 3 outputs)"), mcase((2, 5), "a 2×5 prediction")]
    mse_ex = Exercise("mse_loss", [
        values("mse_loss/vector", "mse_loss", m_vec, m_style),
        values("mse_loss/mean-over-all-entries", "mse_loss", [m_vec[0]] + m_mat, m_style),
        values("mse_loss/inputs-unchanged", "mse_loss", m_vec[:1] + m_mat[:1], m_style, unchanged=True),
    ])

    # ── linear_mse_gradient(X, W, Y): derive-it-yourself ─────────────────────
    lmg = refs["linear_mse_gradient"]

    def lcase(N, D, M, label):
        W_shape, Y_shape = ((D, M), (N, M)) if M else ((D,), (N,))
        X, W, Y = probes.ordinary(rng, (N, D)), probes.ordinary(rng, W_shape), probes.ordinary(rng, Y_shape)
        return Case((X, W, Y), label, lmg(X, W, Y))

    def l_mistakes(X, W, Y):
        R, N = X @ W - Y, X.shape[0]
        return [
            ("divided by N (the samples) only, not by all N * M entries", 2 * X.T @ R / N,
             STEP.format(1) + "the loss is the mean over all N * M entries of (P - Y) ** 2, so each entry's "
             "gradient carries 1 / (N * M), as in mse_loss"),
            ("no 1/size at all: the gradient of the sum, not of the mean", 2 * X.T @ R,
             STEP.format(2) + "the loss's gradient in P is that of a mean over Y.size entries"),
            ("the 2 from d(r²)/dr is missing", X.T @ R / Y.size, STEP.format(2) + "d/dr r² = 2r"),
            ("the sign is flipped: (Y - P) instead of (P - Y)", -2 * X.T @ R / Y.size,
             STEP.format(2) + "d/dp (p - y)² = 2 (p - y): the residual is prediction minus target"),
            ("dP.T @ X: dW transposed, or reshaped to fit", tried(lambda: (R.T @ X * 2 / Y.size).reshape(W.shape)) if R.ndim == 2 else None,
             STEP.format(3) + "dW has W's shape (D, M): find the product of X (N, D) and dL/dP (N, M) that gives it"),
        ]

    l_style = Style(("X", "W", "Y"), refs.formulas["linear_mse_gradient"], SOURCE, elementwise=False,
                    mistakes=l_mistakes,
                    hint="derive it again step by step (derivations.py): the loss's gradient in P = X @ W first, "
                         "then back through the layer")
    l_rect = [lcase(5, 3, 2, "X 5×3, W 3×2, Y 5×2 (N, D, M all different)"),
              lcase(4, 2, 3, "X 4×2, W 2×3, Y 4×3")]
    l_ex = Exercise("linear_mse_gradient", [
        values("linear_mse_gradient/rectangular", "linear_mse_gradient", l_rect, l_style),
        values("linear_mse_gradient/square", "linear_mse_gradient",
               [l_rect[0], lcase(4, 3, 3, "X 4×3, W 3×3, Y 4×3 (D = M, so a transposed dW still runs)")], l_style),
        values("linear_mse_gradient/one-output", "linear_mse_gradient",
               [l_rect[0], lcase(6, 3, 0, "X 6×3, w of shape (3,), y of shape (6,): one output")], l_style),
        values("linear_mse_gradient/inputs-unchanged", "linear_mse_gradient", l_rect, l_style, unchanged=True),
    ])

    # ── normal_equations(X, y) ────────────────────────────────────────────────
    def design(N, D):
        return probes.ordinary(rng, (N, D))

    def ncase(X, y, label):
        return Case((X, y), label, solve(X, y))

    n_style = Style(("X", "y"), refs.formulas["normal_equations"] + "   (or np.linalg.lstsq(X, y, rcond=None)[0]: "
                    "lstsq returns a tuple, the solution first)", SOURCE, elementwise=False,
                    mistakes=lambda X, y: [
                        ("X.T @ y: the right-hand side, with (X.T @ X) never solved", X.T @ y,
                         "the normal equations are a linear system: np.linalg.solve(X.T @ X, X.T @ y)"),
                        ("X.T @ y / N", X.T @ y / X.shape[0], "solve (X.T @ X) w = X.T @ y for w")])
    X1, X2 = design(8, 3), design(12, 2)
    noisy = [ncase(X1, probes.ordinary(rng, (8,)), "an 8×3 X and a random y"),
             ncase(X2, probes.ordinary(rng, (12,)), "a 12×2 X and a random y")]
    w_true = probes.ordinary(rng, (4,))
    X3 = design(10, 4)
    xs = np.round(np.linspace(-2, 3, 9), 2)
    line_X = np.column_stack([xs, np.ones_like(xs)])
    line_y = np.round(1.5 * xs - 0.5 + rng.normal(0, 0.3, xs.shape), 2)
    normal_ex = Exercise("normal_equations", [
        values("normal_equations/noisy-fit", "normal_equations", noisy, n_style),
        values("normal_equations/exact-fit", "normal_equations",
               [noisy[0], ncase(X3, X3 @ w_true, f"a 10×4 X and y = X @ {np.array2string(w_true, separator=', ')} exactly")],
               n_style),
        values("normal_equations/line-with-intercept", "normal_equations",
               [noisy[0], ncase(line_X, line_y, "a line fit: X = [x, 1] (slope and intercept), y ≈ 1.5 x - 0.5")], n_style),
        values("normal_equations/inputs-unchanged", "normal_equations", noisy, n_style, unchanged=True),
    ])

    # ── gradient_descent_step(w, X, y, lr) ────────────────────────────────────
    def gcase(w, X, y, lr, label):
        return Case((w, X, y, lr), label, step(w, X, y, lr))

    def g_mistakes(w, X, y, lr):
        g, N = lin_grad(w, X, y), X.shape[0]
        return [
            ("the gradient lacks the 1/N of the mean", w - lr * N * g,
             "L = mean((X @ w - y) ** 2) divides by N, and so does its gradient (derivations.py, step 2)"),
            ("the gradient lacks the 2 from the square", w - lr * g / 2, "d/dr r² = 2r (derivations.py, step 2)"),
            ("w + lr * grad: a step uphill", w + lr * g, "descend: w_new = w - lr * grad"),
            ("it returns the gradient, not the new w", g, "return w - lr * grad"),
            ("it returns the step lr * grad, not the new w", lr * g, "return w - lr * grad"),
        ]

    g_style = Style(("w", "X", "y", "lr"), refs.formulas["gradient_descent_step"], SOURCE, elementwise=False,
                    mistakes=g_mistakes)
    Xg1, Xg2 = design(6, 3), design(10, 2)
    g_ord = [gcase(probes.ordinary(rng, (3,)), Xg1, probes.ordinary(rng, (6,)), 0.1, "a 6×3 X, lr = 0.1"),
             gcase(probes.ordinary(rng, (2,)), Xg2, probes.ordinary(rng, (10,)), 0.05, "a 10×2 X, lr = 0.05")]
    y_min = probes.ordinary(rng, (6,))
    gd_ex = Exercise("gradient_descent_step", [
        values("gradient_descent_step/one-step", "gradient_descent_step", g_ord, g_style),
        values("gradient_descent_step/at-the-minimum", "gradient_descent_step",
               [g_ord[0], gcase(solve(Xg1, y_min), Xg1, y_min, 0.1,
                                "w already the least-squares solution (the gradient is zero there), lr = 0.1")], g_style),
        values("gradient_descent_step/w-unchanged", "gradient_descent_step", g_ord, g_style,
               unchanged=True, unchanged_advice=STEP_ADVICE),
    ])
    return [affine_fwd, affine_bwd, mse_ex, l_ex, normal_ex, gd_ex]
