# A list instead of a tuple, dw as a 0-d array: both fine.
def neuron_backward(dout, x, w):
    r = np.maximum(x, 0)
    s = sigmoid_forward(w * r)
    dz = dout * s * (1 - s)
    return [dz * w * (x > 0), np.sum(dz * r)]
