# relu's slope taken as relu(x) / x ("the output over the input"): right off the kink, 0 / 0 = nan at x == 0.
EXPECT = {"check": "relu_backward/kink", "says": "returned nan where a finite value is expected", "affects": ["neuron_backward"],
          "passes": ["relu_backward/mixed-signs", "relu_backward/shapes", "relu_backward/matches-forward"]}


def relu_backward(dout, x):
    return dout * relu_forward(x) / x
