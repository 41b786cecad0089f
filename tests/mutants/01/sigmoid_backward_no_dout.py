EXPECT = {"check": "sigmoid_backward/mixed-signs", "says": "dout is not multiplied in"}


def sigmoid_backward(dout, x):
    s = sigmoid_forward(x)
    return s * (1 - s)
