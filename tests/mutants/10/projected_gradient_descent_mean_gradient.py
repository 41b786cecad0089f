# The gradient of the mean loss, (1/N) A.T (A x - b): the right direction, N times too short a step.
EXPECT = {"check": "projected_gradient_descent/first-steps", "says": "gradient divided by N"}


def projected_gradient_descent(A, b, radius, x0, lr, steps):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = project_l2_ball(x - lr * (A.T @ (A @ x - b)) / len(b), radius)
    return x
