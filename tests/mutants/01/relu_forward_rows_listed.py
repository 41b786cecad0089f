# np.array of a list over x's rows: a 0-d x cannot be iterated, and an empty (0, 3) x comes back as (0,).
EXPECT = {"check": "relu_forward/shapes", "says": "iteration over a 0-d array", "affects": ["relu_backward", "neuron_forward", "neuron_backward"],
          "passes": ["relu_forward/mixed-signs", "relu_forward/zeros", "relu_forward/large-and-integer", "relu_forward/input-unchanged"]}


def relu_forward(x):
    return np.array([np.maximum(row, 0) for row in x])
