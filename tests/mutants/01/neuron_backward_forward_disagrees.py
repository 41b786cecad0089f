# Backward right, forward wrong: the finite-difference check points at the forward.
EXPECT = {"check": "neuron_backward/matches-forward", "says": "your backward matches the derivation", "affects": ["neuron_backward"]}


def neuron_forward(x, w):
    return sigmoid_forward(w * x)
