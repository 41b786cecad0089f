EXPECT = {"check": "affine_backward/square", "says": "db summed over axis=1"}


def affine_backward(dout, x, W, b):
    X = x.reshape(x.shape[0], -1)
    return (dout @ W.T).reshape(x.shape), X.T @ dout, dout.sum(axis=1)
