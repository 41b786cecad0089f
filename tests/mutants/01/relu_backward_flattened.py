EXPECT = {"check": "relu_backward/shapes", "says": "returned shape", "affects": ["neuron_backward"]}


def relu_backward(dout, x):
    return np.ravel(dout * (x > 0))
