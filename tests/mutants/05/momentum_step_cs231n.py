# A valid convention, but not the one the docstring asks for: the message says which is which.
EXPECT = {"check": "momentum_step/first-step", "says": "the CS231n convention"}


def momentum_step(w, grad, velocity, lr, beta):
    velocity_new = beta * velocity - lr * grad
    return w + velocity_new, velocity_new
