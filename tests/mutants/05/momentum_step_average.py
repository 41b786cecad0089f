EXPECT = {"check": "momentum_step/first-step", "says": "velocity as an average",
          "also": ["momentum_step/along-a-run"]}


def momentum_step(w, grad, velocity, lr, beta):
    velocity_new = beta * velocity + (1 - beta) * grad
    return w - lr * velocity_new, velocity_new
