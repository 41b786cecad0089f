# A wrong derivation: d(w * a)/dw taken as x, forgetting that a = relu(x) stands between them.
EXPECT = {"check": "neuron_backward/mixed-signs", "says": "dw built from x instead of relu(x)"}


def neuron_backward(dout, x, w):
    r = relu_forward(x)
    dz = sigmoid_backward(dout, w * r)
    return relu_backward(dz * w, x), float(np.sum(dz * x))
