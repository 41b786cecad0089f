# Projects x0 before the first step; the docstring uses x0 as given.
EXPECT = {"check": "projected_gradient_descent/first-steps", "says": "x0 projected before the first step"}


def projected_gradient_descent(A, b, radius, x0, lr, steps):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = project_l2_ball(x0, radius)
    for _ in range(steps):
        x = project_l2_ball(x - lr * (A.T @ (A @ x - b)), radius)
    return x
