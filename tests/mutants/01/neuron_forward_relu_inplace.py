# The essay's `x[x < 0] = 0` for the relu step, on the caller's x.
EXPECT = {"check": "neuron_forward/inputs-unchanged", "says": "modified its argument `x` in place",
          "passes": ["neuron_forward/mixed-signs", "neuron_forward/shapes"]}


def neuron_forward(x, w):
    x[x < 0] = 0
    return sigmoid_forward(w * x)
