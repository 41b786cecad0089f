# dout.T @ x is dW transposed: shape (M, D) instead of W's (D, M).
EXPECT = {"check": "affine_backward/rectangular", "says": "(looks transposed) (in dW)"}


def affine_backward(dout, x, W, b):
    X = x.reshape(x.shape[0], -1)
    return (dout @ W.T).reshape(x.shape), dout.T @ X, dout.sum(axis=0)
