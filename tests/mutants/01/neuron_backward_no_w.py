EXPECT = {"check": "neuron_backward/mixed-signs", "says": "dx without the factor w", "also": ["neuron_backward/matches-forward"]}


def neuron_backward(dout, x, w):
    r = relu_forward(x)
    s = sigmoid_forward(w * r)
    dz = dout * s * (1 - s)
    return relu_backward(dz, x), float(np.sum(dz * r))
