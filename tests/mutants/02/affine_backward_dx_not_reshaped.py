# dx left as (N, D): right numbers, but not x's shape.
EXPECT = {"check": "affine_backward/multi-dim-input", "says": "returned shape (2, 6), expected (2, 2, 3)"}


def affine_backward(dout, x, W, b):
    X = x.reshape(x.shape[0], -1)
    return dout @ W.T, X.T @ dout, dout.sum(axis=0)
