# Right values, but np.exp(-x) overflows for x = -1000: the exercise asks for the stable form.
EXPECT = {"check": "sigmoid_forward/no-overflow", "says": "overflow encountered in exp", "affects": ["sigmoid_backward", "neuron_forward", "neuron_backward"]}


def sigmoid_forward(x):
    return 1 / (1 + np.exp(-x))
