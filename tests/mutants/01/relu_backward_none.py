EXPECT = {"check": "relu_backward/mixed-signs", "says": "returned None", "affects": ["neuron_backward"]}


def relu_backward(dout, x):
    dx = dout * (x > 0)
