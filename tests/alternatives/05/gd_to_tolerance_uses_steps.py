# Built from the learner's own step functions, steps returned as a float.
def gd_to_tolerance(A, b, w0, tol, max_steps):
    lr, rate = optimal_step_size(A)
    w, steps = w0 + 0.0, 0
    grad = quadratic_gradient(A, b, w)
    while np.linalg.norm(grad) > tol and steps < max_steps:
        w = sgd_step(w, grad, lr)
        grad = quadratic_gradient(A, b, w)
        steps += 1
    return w, float(steps)
