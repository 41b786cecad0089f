# np.where evaluates both branches, so the "stable" select still overflows.
EXPECT = {"check": "sigmoid_forward/no-overflow", "says": "evaluates both branches", "affects": ["sigmoid_backward", "neuron_forward", "neuron_backward"]}


def sigmoid_forward(x):
    return np.where(x >= 0, 1 / (1 + np.exp(-x)), np.exp(x) / (1 + np.exp(x)))
