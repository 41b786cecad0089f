# range(steps + 1): one update more than asked.
EXPECT = {"check": "projected_gradient_descent/first-steps", "says": "one step too many"}


def projected_gradient_descent(A, b, radius, x0, lr, steps):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = np.array(x0, dtype=float)
    for _ in range(steps + 1):
        x = project_l2_ball(x - lr * (A.T @ (A @ x - b)), radius)
    return x
