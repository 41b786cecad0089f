# An inlined projection without the radius check: a negative radius flips the iterate instead of raising.
EXPECT = {"check": "projected_gradient_descent/negative-radius", "says": "expected  ValueError"}


def projected_gradient_descent(A, b, radius, x0, lr, steps):
    x = np.array(x0, dtype=float)
    for _ in range(steps):
        x = x - lr * (A.T @ (A @ x - b))
        x = x * min(1.0, radius / max(np.linalg.norm(x), 1e-300))
    return x
