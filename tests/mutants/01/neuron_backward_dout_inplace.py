# `dout *= ...` keeps dz in the caller's upstream gradient: right values, dout changed.
EXPECT = {"check": "neuron_backward/inputs-unchanged", "says": "modified its argument `dout` in place",
          "passes": ["neuron_backward/mixed-signs", "neuron_backward/kink", "neuron_backward/shapes",
                     "neuron_backward/matches-forward"]}


def neuron_backward(dout, x, w):
    a = relu_forward(x)
    s = sigmoid_forward(w * a)
    dout *= s * (1 - s)
    return relu_backward(dout * w, x), float(np.sum(dout * a))
