EXPECT = {"check": "relu_backward/mixed-signs", "says": "the sign is flipped", "affects": ["neuron_backward"], "also": ["relu_backward/matches-forward"]}


def relu_backward(dout, x):
    return -(dout * (x > 0))
