# x = x0 names the caller's array, and the update writes into it.
EXPECT = {"check": "projected_gradient_descent/inputs-unchanged", "says": "in place"}


def projected_gradient_descent(A, b, radius, x0, lr, steps):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = x0
    for _ in range(steps):
        x -= lr * (A.T @ (A @ x - b))
        norm = np.linalg.norm(x)
        if norm > radius:
            x *= radius / norm
    return x.copy()
