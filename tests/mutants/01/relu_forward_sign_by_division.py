# relu as x * (sign(x) + 1) / 2 with the sign written x / |x|: 0 / 0 is nan at exactly x == 0.
EXPECT = {"check": "relu_forward/zeros", "says": "returned nan where a finite value is expected", "affects": ["relu_backward", "neuron_forward", "neuron_backward"],
          "passes": ["relu_forward/mixed-signs", "relu_forward/shapes", "relu_forward/input-unchanged"]}


def relu_forward(x):
    return x * (x / np.abs(x) + 1) / 2
