EXPECT = {"check": "sigmoid_backward/mixed-signs", "says": "off by a constant factor of 2", "also": ["sigmoid_backward/matches-forward"]}


def sigmoid_backward(dout, x):
    s = sigmoid_forward(x)
    return 2 * dout * s * (1 - s)
