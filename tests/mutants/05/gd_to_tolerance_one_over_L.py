# Safe but slow: converges, in about twice the steps the derived bound allows at kappa = 100.
EXPECT = {"check": "gd_to_tolerance/within-bound", "says": "looks like lr = 1 / L"}


def gd_to_tolerance(A, b, w0, tol, max_steps):
    lr = 1 / np.linalg.eigvalsh(A)[-1]
    w = np.array(w0, dtype=float)
    for steps in range(max_steps):
        grad = A @ w - b
        if np.linalg.norm(grad) <= tol:
            return w, steps
        w = w - lr * grad
    return w, max_steps
