# The essay's two lines, on a copy.
def relu_backward(dout, x):
    grad = dout.copy()
    grad[x < 0] = 0
    return grad
