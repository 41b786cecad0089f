# A wrong derivation: the path from f back to x stops at a, skipping relu's slope.
EXPECT = {"check": "neuron_backward/mixed-signs", "says": "derivations.py, step 3"}


def neuron_backward(dout, x, w):
    r = relu_forward(x)
    dz = sigmoid_backward(dout, w * r)
    return dz * w, float(np.sum(dz * r))
