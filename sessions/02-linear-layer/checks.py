"""Checks for session 02: the affine layer, the MSE loss and least squares, against the SymPy-verified
formulas of derivations.py (via kit.declare), never against solutions/.

Shapes are chosen on purpose. Rectangular cases (N, D, M all different) make a missing transpose
or a wrong axis show up as a wrong shape. Square cases (N = D = M) let those mistakes run, so the
message can name them. Multi-dimensional inputs (N, d1, ..., dk) test the reshape to (N, D).
"""

import numpy as np

from kit import probes
from kit.declare import Declare, against_forward, unchanged
from kit.kinds.batches import layer, rows, tried

RESHAPE_ADVICE = ("`x.shape = ...` reshapes the caller's array itself; x.reshape(N, -1) returns a new view "
                  "and leaves x alone")
STEP_ADVICE = "`w -= lr * grad` writes into the caller's w; return w - lr * grad, a new array"
STEP = "derivations.py, step {}: "     # linear_mse_gradient is derive-it-yourself: advice names the step


def exercises(refs, rng):
    d = Declare(refs, rng, "sessions/02-linear-layer/derivations.py")
    draw = lambda *shape: probes.ordinary(rng, shape)

    # ── affine_forward(x, W, b) ───────────────────────────────────────────────
    forward = d.style("affine_forward", ("x", "W", "b"), elementwise=False, mistakes=lambda x, W, b: [
        ("b added down the columns (b[:, None]): each sample got its own constant",
         tried(lambda: rows(x) @ W + b[:, None]),
         "b has one entry per output column; `+ b` with b of shape (M,) adds it to every row"),
        ("b is left out", rows(x) @ W, "out = x @ W + b"),
        ("b summed into one number", rows(x) @ W + b.sum(), "add the vector b, one entry per output"),
        ("x.reshape(D, N).T: the samples are scrambled", tried(lambda: x.reshape(-1, x.shape[0]).T @ W + b),
         "keep the sample axis first: x.reshape(N, -1), N = x.shape[0]")])
    rect = d.cases("affine_forward", ("a 4×3 input, M = 2", layer(rng, (4, 3), 2)),
                   ("a 5×2 input, M = 4", layer(rng, (5, 2), 4)))
    multi = d.cases("affine_forward",
                    ("x of shape (3, 1, 2): N = 3 samples of shape (1, 2), M = 2", layer(rng, (3, 1, 2), 2)),
                    ("x of shape (2, 1, 1, 3): N = 2 samples of shape (1, 1, 3), M = 3", layer(rng, (2, 1, 1, 3), 3)))
    image = d.cases("affine_forward",
                    ("x of shape (2, 2, 3): N = 2 samples of shape (2, 3), so D = 6", layer(rng, (2, 2, 3), 2)),
                    ("x of shape (3, 2, 2, 2): N = 3 samples, D = 8", layer(rng, (3, 2, 2, 2), 3)))
    square = d.cases("affine_forward",
                     ("a 3×2 input, M = 3 (N = M, so a wrongly broadcast b still runs)", layer(rng, (3, 2), 3)),
                     ("a 2×4 input, M = 2 (N = M)", layer(rng, (2, 4), 2)))
    affine_forward = d.exercise("affine_forward", forward, {
        "rectangular": rect,
        "bias-every-row": square,
        "keeps-N-rows": rect[:1] + multi,
        "multi-dim-input": rect[:1] + image,
        "inputs-unchanged": unchanged(rect[:1] + multi[:1] + image, RESHAPE_ADVICE),
    })

    # ── affine_backward(dout, x, W, b) -> (dx, dW, db) ────────────────────────
    dx, dW, db = refs["affine_backward_dx"], refs["affine_backward_dW"], refs["affine_backward_db"]
    grads = lambda dout, x, W, b: (dx(dout, x, W), dW(dout, x), db(dout))
    backward = d.style(("affine_backward_dx", "affine_backward_dW", "affine_backward_db"), ("dout", "x", "W", "b"),
                       elementwise=False, outputs=("dx", "dW", "db"), mistakes=lambda dout, x, W, b: [
        ("dx = dout @ W: W's transpose is missing", (tried(lambda: (dout @ W).reshape(x.shape)), None, None),
         "dx = dout @ W.T: (N, M) @ (M, D) gives x's (N, D)"),
        ("dW = x @ dout: x's transpose is missing", (None, tried(lambda: rows(x) @ dout), None),
         "dW = x.T @ dout: (D, N) @ (N, M) gives W's (D, M)"),
        ("dW = dout.T @ x: that is dW transposed, shape (M, D)", (None, tried(lambda: dout.T @ rows(x)), None),
         "dW must have W's shape (D, M): x.T @ dout"),
        ("dW divided by N", (None, rows(x).T @ dout / x.shape[0], None),
         "the 1/N belongs to the loss (mse_loss's gradient has it); a layer's backward only applies the chain rule"),
        ("db summed over axis=1 (over the outputs) instead of axis=0 (over the samples)",
         (None, None, dout.sum(axis=1)), "b is shared by the N rows: db = dout.sum(axis=0), shape (M,)"),
        ("db = dout.mean(axis=0): a mean, not a sum", (None, None, dout.mean(axis=0)),
         "each of the N rows adds its own dout to b's gradient: sum, do not average")])
    rect = d.cases(grads, ("a 4×3 input, M = 2", layer(rng, (4, 3), 2, dout=True)),
                   ("a 3×2 input, M = 4", layer(rng, (3, 2), 4, dout=True)))
    multi = d.cases(grads, ("x of shape (2, 2, 3): N = 2, D = 6, M = 2", layer(rng, (2, 2, 3), 2, dout=True)),
                    ("x of shape (3, 1, 2, 2): N = 3, D = 4, M = 3", layer(rng, (3, 1, 2, 2), 3, dout=True)))
    small = d.cases(grads, ("a 2×3 input, M = 2", layer(rng, (2, 3), 2, dout=True)),          # central differences
                    ("x of shape (2, 2, 2): N = 2, D = 4, M = 2", layer(rng, (2, 2, 2), 2, dout=True)))
    square = d.cases(grads, ("a 3×3 input, M = 3 (N = D = M, so a missing transpose still runs)",
                             layer(rng, (3, 3), 3, dout=True)),
                     ("a 2×2 input, M = 2 (N = D = M)", layer(rng, (2, 2), 2, dout=True)))
    affine_backward = d.exercise("affine_backward", backward, {
        "rectangular": rect,
        "square": square,
        "multi-dim-input": rect[:1] + multi,
        "inputs-unchanged": unchanged(rect[:1] + multi, RESHAPE_ADVICE),
        "matches-forward": against_forward("affine_forward", small, lambda dout, x, W, b: (x, W, b), wrt=(0, 1, 2)),
    })

    # ── mse_loss(y_pred, y) -> (loss, dy_pred) ────────────────────────────────
    def mse_mistakes(y_pred, y):
        r, n = y_pred - y, y_pred.shape[0]
        return [
            ("dy_pred = 2 * (y_pred - y): the 1/N of the mean is missing", (None, 2 * r),
             "the mean divides every squared error by y_pred.size, so its gradient is divided too"),
            ("dy_pred = (y_pred - y) / N: the 2 from d(r²)/dr = 2r is missing", (None, r / r.size), "d/dr r² = 2r"),
            ("divided by N = len(y) only, not by the number of entries", (np.sum(r ** 2) / n, 2 * r / n),
             "this session's MSE is the mean over all entries: np.mean((y_pred - y) ** 2) and "
             "2 * (y_pred - y) / y_pred.size"),
            ("the loss is the sum of squares, not their mean", (np.sum(r ** 2), None), "loss = np.mean((y_pred - y) ** 2)"),
            ("the loss is the root of the MSE (RMSE)", (np.sqrt(np.mean(r ** 2)), None), "no square root: the mean of the squares"),
            ("the errors are not squared: mean(|y_pred - y|)", (np.mean(np.abs(r)), None), "square each error: (y_pred - y) ** 2"),
        ]

    mse = ("mse_loss", "mse_loss_grad")
    loss = d.style(mse, ("y_pred", "y"), elementwise=False, outputs=("loss", "dy_pred"), mistakes=mse_mistakes)
    vector = d.cases(mse, ("a vector of 6 predictions", (draw(6), draw(6))),
                     ("a vector of 9 predictions", (draw(9), draw(9))))
    matrix = d.cases(mse, ("a 4×3 prediction (N = 4 samples, M = 3 outputs)", (draw(4, 3), draw(4, 3))),
                     ("a 2×5 prediction", (draw(2, 5), draw(2, 5))))
    mse_loss = d.exercise("mse_loss", loss, {
        "vector": vector,
        "mean-over-all-entries": vector[:1] + matrix,
        "inputs-unchanged": unchanged(vector[:1] + matrix[:1]),
    })

    # ── linear_mse_gradient(X, W, Y): derive-it-yourself, so the advice names a step ──
    def gradient_mistakes(X, W, Y):
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
            ("dP.T @ X: dW transposed, or reshaped to fit",
             tried(lambda: (R.T @ X * 2 / Y.size).reshape(W.shape)) if R.ndim == 2 else None,
             STEP.format(3) + "dW has W's shape (D, M): find the product of X (N, D) and dL/dP (N, M) that gives it"),
        ]

    gradient = d.style("linear_mse_gradient", ("X", "W", "Y"), elementwise=False, mistakes=gradient_mistakes,
                       hint="derive it again step by step (derivations.py): the loss's gradient in P = X @ W first, "
                            "then back through the layer")
    fit = lambda N, D, *M: (draw(N, D), draw(D, *M), draw(N, *M))    # X, W, Y; without M one output: w, y 1-D
    rect = d.cases("linear_mse_gradient", ("X 5×3, W 3×2, Y 5×2 (N, D, M all different)", fit(5, 3, 2)),
                   ("X 4×2, W 2×3, Y 4×3", fit(4, 2, 3)))
    square = d.case("linear_mse_gradient", "X 4×3, W 3×3, Y 4×3 (D = M, so a transposed dW still runs)", *fit(4, 3, 3))
    one = d.case("linear_mse_gradient", "X 6×3, w of shape (3,), y of shape (6,): one output", *fit(6, 3))
    linear_mse_gradient = d.exercise("linear_mse_gradient", gradient, {
        "rectangular": rect,
        "square": [rect[0], square],
        "one-output": [rect[0], one],
        "inputs-unchanged": unchanged(rect),
    })

    # ── normal_equations(X, y) ────────────────────────────────────────────────
    solve = refs["normal_equations"]
    normal = d.style("normal_equations", ("X", "y"), elementwise=False,
                     formula=d.formula("normal_equations") + "   (or np.linalg.lstsq(X, y, rcond=None)[0]: "
                     "lstsq returns a tuple, the solution first)", mistakes=lambda X, y: [
                         ("X.T @ y: the right-hand side, with (X.T @ X) never solved", X.T @ y,
                          "the normal equations are a linear system: np.linalg.solve(X.T @ X, X.T @ y)"),
                         ("X.T @ y / N", X.T @ y / X.shape[0], "solve (X.T @ X) w = X.T @ y for w")])
    noisy = d.cases(solve, ("an 8×3 X and a random y", (draw(8, 3), draw(8))),
                    ("a 12×2 X and a random y", (draw(12, 2), draw(12))))
    X, w_true = draw(10, 4), draw(4)
    exact = d.case(solve, f"a 10×4 X and y = X @ {np.array2string(w_true, separator=', ')} exactly", X, X @ w_true)
    xs = np.round(np.linspace(-2, 3, 9), 2)
    line = d.case(solve, "a line fit: X = [x, 1] (slope and intercept), y ≈ 1.5 x - 0.5",
                  np.column_stack([xs, np.ones_like(xs)]), np.round(1.5 * xs - 0.5 + rng.normal(0, 0.3, xs.shape), 2))
    normal_equations = d.exercise("normal_equations", normal, {
        "noisy-fit": noisy,
        "exact-fit": [noisy[0], exact],
        "line-with-intercept": [noisy[0], line],
        "inputs-unchanged": unchanged(noisy),
    })

    # ── gradient_descent_step(w, X, y, lr) ────────────────────────────────────
    def step_mistakes(w, X, y, lr):
        g, N = refs["linear_mse_grad"](w, X, y), X.shape[0]
        return [
            ("the gradient lacks the 1/N of the mean", w - lr * N * g,
             "L = mean((X @ w - y) ** 2) divides by N, and so does its gradient (derivations.py, step 2)"),
            ("the gradient lacks the 2 from the square", w - lr * g / 2, "d/dr r² = 2r (derivations.py, step 2)"),
            ("w + lr * grad: a step uphill", w + lr * g, "descend: w_new = w - lr * grad"),
            ("it returns the gradient, not the new w", g, "return w - lr * grad"),
            ("it returns the step lr * grad, not the new w", lr * g, "return w - lr * grad"),
        ]

    step = d.style("gradient_descent_step", ("w", "X", "y", "lr"), elementwise=False, mistakes=step_mistakes)
    X, y = draw(6, 3), draw(6)
    one_step = d.cases("gradient_descent_step", ("a 6×3 X, lr = 0.1", (draw(3), X, y, 0.1)),
                       ("a 10×2 X, lr = 0.05", (draw(2), draw(10, 2), draw(10), 0.05)))
    minimum = d.case("gradient_descent_step", "w already the least-squares solution (the gradient is zero there), "
                     "lr = 0.1", solve(X, y), X, y, 0.1)
    gradient_descent_step = d.exercise("gradient_descent_step", step, {
        "one-step": one_step,
        "at-the-minimum": [one_step[0], minimum],
        "w-unchanged": unchanged(one_step, STEP_ADVICE),
    })
    return [affine_forward, affine_backward, mse_loss, linear_mse_gradient, normal_equations, gradient_descent_step]
