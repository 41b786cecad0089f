# s'(x) typed as exp(-x) / (1 + exp(-x)) ** 2: right values for ordinary x, but exp(-x) overflows for x = -1000.
EXPECT = {"check": "sigmoid_backward/no-overflow", "says": "overflow encountered in exp",
          "passes": ["sigmoid_backward/mixed-signs", "sigmoid_backward/shapes", "sigmoid_backward/inputs-unchanged",
                     "sigmoid_backward/matches-forward"]}


def sigmoid_backward(dout, x):
    e = np.exp(-x)
    return dout * e / (1 + e) ** 2
