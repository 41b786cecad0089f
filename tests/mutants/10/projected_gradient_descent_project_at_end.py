# Plain gradient descent, projected once at the end.
EXPECT = {"check": "projected_gradient_descent/few-steps", "says": "projected once, after the last step",
          "also": ["projected_gradient_descent/converges"]}


def projected_gradient_descent(A, b, radius, x0, lr, steps):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * (A.T @ (A @ x - b))
    return project_l2_ball(x, radius)
