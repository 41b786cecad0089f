EXPECT = {"check": "momentum_step/first-step", "says": "w moved with the old velocity"}


def momentum_step(w, grad, velocity, lr, beta):
    return w - lr * velocity, beta * velocity + grad
