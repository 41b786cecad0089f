# One sample at a time over range(len(x)): a 0-d x has no len().
EXPECT = {"check": "neuron_backward/shapes", "says": "len() of unsized object",
          "passes": ["neuron_backward/mixed-signs", "neuron_backward/kink", "neuron_backward/inputs-unchanged",
                     "neuron_backward/matches-forward"]}


def neuron_backward(dout, x, w):
    dx, dw = np.zeros(np.shape(x)), 0.0
    for i in range(len(x)):
        a = relu_forward(x[i])
        dz = sigmoid_backward(dout[i], w * a)
        dx[i] = relu_backward(dz * w, x[i])
        dw += np.sum(dz * a)
    return dx, float(dw)
