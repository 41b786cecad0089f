# Counts loop iterations, including the final one that only checked the gradient.
EXPECT = {"check": "gd_to_tolerance/same-path-as-gd", "says": "steps counts one more"}


def gd_to_tolerance(A, b, w0, tol, max_steps):
    lr, _ = optimal_step_size(A)
    w = np.array(w0, dtype=float)
    for steps in range(1, max_steps + 1):
        grad = A @ w - b
        if np.linalg.norm(grad) <= tol:
            return w, steps
        w = w - lr * grad
    return w, max_steps
