# The 1/N of a mean loss applied a second time, inside the layer.
EXPECT = {"check": "affine_backward/rectangular", "says": "dW divided by N", "also": ["affine_backward/matches-forward"]}


def affine_backward(dout, x, W, b):
    X = x.reshape(x.shape[0], -1)
    return (dout @ W.T).reshape(x.shape), X.T @ dout / x.shape[0], dout.sum(axis=0)
