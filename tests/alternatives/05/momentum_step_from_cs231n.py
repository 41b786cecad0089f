# Internally the CS231n form (u = beta * u - lr * grad, w += u), translated to the docstring's
# velocity: u = -lr * velocity. Same numbers up to rounding.
def momentum_step(w, grad, velocity, lr, beta):
    u = beta * (-lr * velocity) - lr * grad
    return w + u, u / -lr
