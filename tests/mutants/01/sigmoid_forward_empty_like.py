# The stable form filled into np.empty_like(x): an integer x gives an integer buffer, and every s(x) is cut to 0.
EXPECT = {"check": "sigmoid_forward/shapes", "says": "an integer input",
          "passes": ["sigmoid_forward/mixed-signs", "sigmoid_forward/no-overflow", "sigmoid_forward/input-unchanged"]}


def sigmoid_forward(x):
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    z = np.exp(x[~pos])
    out[~pos] = z / (1 + z)
    return out
