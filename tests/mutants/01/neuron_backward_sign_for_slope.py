# A wrong derivation: relu's local derivative taken as np.sign(x), which is -1, not 0, where x < 0.
EXPECT = {"check": "neuron_backward/mixed-signs", "says": "correct for x > 0, wrong for x < 0",
          "also": ["neuron_backward/kink", "neuron_backward/matches-forward"]}


def neuron_backward(dout, x, w):
    a = relu_forward(x)
    dz = sigmoid_backward(dout, w * a)
    return dz * w * np.sign(x), float(np.sum(dz * a))
