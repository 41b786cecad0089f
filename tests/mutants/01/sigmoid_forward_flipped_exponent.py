EXPECT = {"check": "sigmoid_forward/mixed-signs", "says": "sign in the exponent is flipped", "affects": ["sigmoid_backward", "neuron_forward", "neuron_backward"]}


def sigmoid_forward(x):
    z = np.exp(-np.abs(x))
    return np.where(x < 0, 1 / (1 + z), z / (1 + z))
