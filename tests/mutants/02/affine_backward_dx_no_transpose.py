# dx = dout @ W: crashes unless M == D; where it runs, the values are wrong.
EXPECT = {"check": "affine_backward/square", "says": "W's transpose is missing"}


def affine_backward(dout, x, W, b):
    X = x.reshape(x.shape[0], -1)
    return (dout @ W).reshape(x.shape), X.T @ dout, dout.sum(axis=0)
