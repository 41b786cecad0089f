EXPECT = {"check": "momentum_step/first-step", "says": "the old velocity returned"}


def momentum_step(w, grad, velocity, lr, beta):
    return w - lr * (beta * velocity + grad), velocity
