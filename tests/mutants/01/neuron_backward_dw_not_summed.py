EXPECT = {"check": "neuron_backward/mixed-signs", "says": "sum over the entries"}


def neuron_backward(dout, x, w):
    r = relu_forward(x)
    s = sigmoid_forward(w * r)
    dz = dout * s * (1 - s)
    return relu_backward(dz * w, x), dz * r
