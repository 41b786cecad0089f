# `x.shape = (N, -1)` to get X: right values, but the caller's multi-dimensional x is reshaped.
EXPECT = {"check": "affine_backward/inputs-unchanged", "says": "modified its argument `x` in place",
          "passes": ["affine_backward/rectangular", "affine_backward/square", "affine_backward/multi-dim-input",
                     "affine_backward/matches-forward"]}


def affine_backward(dout, x, W, b):
    shape = x.shape
    x.shape = (shape[0], -1)
    return (dout @ W.T).reshape(shape), x.T @ dout, dout.sum(axis=0)
