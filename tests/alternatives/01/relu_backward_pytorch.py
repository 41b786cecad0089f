# Blocks the gradient at x == 0: a valid subgradient.
def relu_backward(dout, x):
    return dout * (x > 0)
