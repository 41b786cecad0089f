# A learning rate picked by hand: fine on a gentle bowl, diverges once L > 2 / 0.1 = 20.
EXPECT = {"check": "gd_to_tolerance/reaches-tolerance", "says": "the iteration diverged"}


def gd_to_tolerance(A, b, w0, tol, max_steps):
    w = np.array(w0, dtype=float)
    for steps in range(max_steps):
        grad = A @ w - b
        if np.linalg.norm(grad) <= tol:
            return w, steps
        w = w - 0.1 * grad
    return w, max_steps
