# A wrong derivation: the sigmoid's local derivative evaluated at x, not at its own input z = w * relu(x).
EXPECT = {"check": "neuron_backward/mixed-signs", "says": "derivations.py, step 2: each local derivative is evaluated"}


def neuron_backward(dout, x, w):
    r = relu_forward(x)
    ds = sigmoid_backward(dout, x)          # s'(x): the wrong point
    return relu_backward(ds * w, x), float(np.sum(ds * r))
