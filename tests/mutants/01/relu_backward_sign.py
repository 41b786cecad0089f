EXPECT = {"check": "relu_backward/mixed-signs", "says": "the sign is flipped", "affects": ["neuron_backward"]}


def relu_backward(dout, x):
    return -(dout * (x > 0))
