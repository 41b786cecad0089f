# The chain rule as code: the session's own backward functions, one per piece, composed.
def neuron_backward(dout, x, w):
    a = relu_forward(x)
    dz = sigmoid_backward(dout, w * a)
    return relu_backward(dz * w, x), float((dz * a).sum())
