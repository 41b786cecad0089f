EXPECT = {"check": "gd_to_tolerance/same-path-as-gd", "says": "max_steps ignored"}


def gd_to_tolerance(A, b, w0, tol, max_steps):
    lr, _ = optimal_step_size(A)
    w, steps = np.array(w0, dtype=float), 0
    while np.linalg.norm(A @ w - b) > tol:
        w = w - lr * (A @ w - b)
        steps += 1
    return w, steps
