EXPECT = {"check": "relu_forward/input-unchanged", "says": "modified its argument `x` in place", "affects": ["relu_backward", "neuron_forward", "neuron_backward"]}


def relu_forward(x):
    x[x < 0] = 0
    return x
