# `dout *= ...` multiplies the local gradient into the caller's upstream gradient.
EXPECT = {"check": "sigmoid_backward/inputs-unchanged", "says": "modified its argument `dout` in place",
          "passes": ["sigmoid_backward/mixed-signs", "sigmoid_backward/shapes", "sigmoid_backward/no-overflow",
                     "sigmoid_backward/matches-forward"]}


def sigmoid_backward(dout, x):
    s = sigmoid_forward(x)
    dout *= s * (1 - s)
    return dout
