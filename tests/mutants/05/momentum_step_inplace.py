EXPECT = {"check": "momentum_step/inputs-unchanged", "says": "modified its argument `velocity` in place"}


def momentum_step(w, grad, velocity, lr, beta):
    velocity *= beta
    velocity += grad
    return w - lr * velocity, velocity
