# A list instead of a tuple; in-place updates on copies.
def momentum_step(w, grad, velocity, lr, beta):
    velocity_new = velocity.copy()
    velocity_new *= beta
    velocity_new += grad
    w_new = w.copy()
    w_new -= lr * velocity_new
    return [w_new, velocity_new]
