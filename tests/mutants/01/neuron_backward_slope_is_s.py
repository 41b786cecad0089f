# A wrong derivation: the sigmoid's value used where its slope belongs.
EXPECT = {"check": "neuron_backward/mixed-signs", "says": "s(z) used as the sigmoid's slope"}


def neuron_backward(dout, x, w):
    r = relu_forward(x)
    dz = dout * sigmoid_forward(w * r)
    return relu_backward(dz * w, x), float(np.sum(dz * r))
