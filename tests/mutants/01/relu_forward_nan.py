EXPECT = {"check": "relu_forward/mixed-signs", "says": "returned nan", "affects": ["relu_backward", "neuron_forward", "neuron_backward"]}


def relu_forward(x):
    return np.where(x > 0, x, np.nan)
