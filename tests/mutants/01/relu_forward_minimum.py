EXPECT = {"check": "relu_forward/mixed-signs", "says": "np.minimum instead of np.maximum", "affects": ["relu_backward", "neuron_forward", "neuron_backward"]}


def relu_forward(x):
    return np.minimum(x, 0)
