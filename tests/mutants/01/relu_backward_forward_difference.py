# relu's slope by a forward difference of relu_forward with h = 1e-6: for |x| = 1e300, x + h == x, so the slope is 0.
EXPECT = {"check": "relu_backward/large-and-integer", "says": "huge magnitudes", "affects": ["neuron_backward"],
          "passes": ["relu_backward/mixed-signs", "relu_backward/kink", "relu_backward/shapes",
                     "relu_backward/inputs-unchanged", "relu_backward/matches-forward"]}


def relu_backward(dout, x):
    h = 1e-6
    return dout * (relu_forward(x + h) - relu_forward(x)) / h
