# np.array of a list zipped over the rows of dout and s: a 0-d input cannot be iterated.
EXPECT = {"check": "sigmoid_backward/shapes", "says": "iteration over a 0-d array",
          "passes": ["sigmoid_backward/mixed-signs", "sigmoid_backward/no-overflow", "sigmoid_backward/inputs-unchanged",
                     "sigmoid_backward/matches-forward"]}


def sigmoid_backward(dout, x):
    s = sigmoid_forward(x)
    return np.array([d * v * (1 - v) for d, v in zip(dout, s)])
