EXPECT = {"check": "affine_backward/square", "says": "x's transpose is missing"}


def affine_backward(dout, x, W, b):
    X = x.reshape(x.shape[0], -1)
    return (dout @ W.T).reshape(x.shape), X @ dout, dout.sum(axis=0)
