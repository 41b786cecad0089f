EXPECT = {"check": "relu_backward/mixed-signs", "says": "returned a list", "affects": ["neuron_backward"]}


def relu_backward(dout, x):
    return [d if v > 0 else 0.0 for d, v in zip(np.ravel(dout), np.ravel(x))]
