# relu as (x + |x|) / 2 with |x| written np.sqrt(x ** 2): x ** 2 overflows to inf for |x| = 1e300.
EXPECT = {"check": "relu_forward/large-and-integer", "says": "huge magnitudes", "affects": ["relu_backward", "neuron_forward", "neuron_backward"],
          "passes": ["relu_forward/mixed-signs", "relu_forward/zeros", "relu_forward/shapes", "relu_forward/input-unchanged"]}


def relu_forward(x):
    return (x + np.sqrt(x ** 2)) / 2
