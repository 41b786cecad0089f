# The essay's line applied to the upstream gradient itself: right values, caller's array changed.
EXPECT = {"check": "relu_backward/inputs-unchanged", "says": "modified its argument `dout` in place", "affects": ["neuron_backward"]}


def relu_backward(dout, x):
    grad = dout
    grad[x < 0] = 0
    return grad
