# np.atleast_1d(x) so that the mask indexing "works for a scalar too": a 0-d x comes back with shape (1,).
EXPECT = {"check": "neuron_forward/shapes", "says": "returned shape (1,), expected ()",
          "passes": ["neuron_forward/mixed-signs", "neuron_forward/inputs-unchanged"]}


def neuron_forward(x, w):
    a = np.atleast_1d(x).copy()
    a[a < 0] = 0
    return sigmoid_forward(w * a)
