EXPECT = {"check": "gd_to_tolerance/inputs-unchanged", "says": "modified its argument `w0` in place"}


def gd_to_tolerance(A, b, w0, tol, max_steps):
    lr, _ = optimal_step_size(A)
    w = w0
    for steps in range(max_steps):
        grad = A @ w - b
        if np.linalg.norm(grad) <= tol:
            return w, steps
        w -= lr * grad
    return w, max_steps
