# A wrong derivation: relu's local derivative taken as a / x (relu(x) over x): 0 / 0 = nan at the kink.
EXPECT = {"check": "neuron_backward/kink", "says": "returned nan where a finite value is expected",
          "passes": ["neuron_backward/mixed-signs", "neuron_backward/shapes", "neuron_backward/inputs-unchanged",
                     "neuron_backward/matches-forward"]}


def neuron_backward(dout, x, w):
    a = relu_forward(x)
    dz = sigmoid_backward(dout, w * a)
    return dz * w * (a / x), float(np.sum(dz * a))
