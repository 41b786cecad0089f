# The gradient updated alongside w (grad_new = grad - lr * A @ grad), a while loop, the norm by hand.
def gd_to_tolerance(A, b, w0, tol, max_steps):
    eigenvalues = np.linalg.eigh(A)[0]
    lr = 2 / (eigenvalues.max() + eigenvalues.min())
    w = w0.copy()
    grad = A @ w - b
    steps = 0
    while steps < max_steps and np.sqrt(grad @ grad) > tol:
        w = w - lr * grad
        grad = grad - lr * (A @ grad)
        steps += 1
    return w, np.int64(steps)
