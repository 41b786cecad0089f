# Calls the learner's own project_l2_ball after every step, as the docstring allows.
def projected_gradient_descent(A, b, radius, x0, lr, steps):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = project_l2_ball(x - lr * A.T @ (A @ x - b), radius)
    return x
