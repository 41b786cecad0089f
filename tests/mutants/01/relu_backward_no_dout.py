EXPECT = {"check": "relu_backward/mixed-signs", "says": "dout is not multiplied in", "affects": ["neuron_backward"]}


def relu_backward(dout, x):
    return (x > 0).astype(float)
