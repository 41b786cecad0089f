# Backward right, forward wrong: the forward loses its points; the backward keeps full marks, and its
# finite-difference check says in a note (not counted) that the forward is the one to fix.
EXPECT = {"check": "neuron_forward/mixed-signs", "says": "wrong values", "note": ("neuron_backward/matches-forward", "neuron_forward is the one to fix")}


def neuron_forward(x, w):
    return sigmoid_forward(w * x)
