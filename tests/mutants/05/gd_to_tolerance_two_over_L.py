# At the edge of stability: the error along L's eigenvector flips sign and never shrinks.
EXPECT = {"check": "gd_to_tolerance/reaches-tolerance", "says": "use lr = 2/(L+mu)"}


def gd_to_tolerance(A, b, w0, tol, max_steps):
    lr = 2 / np.linalg.eigvalsh(A)[-1]
    w = np.array(w0, dtype=float)
    for steps in range(max_steps):
        grad = A @ w - b
        if np.linalg.norm(grad) <= tol:
            return w, steps
        w = w - lr * grad
    return w, max_steps
