# Right values, but `x.shape = ...` reshapes the caller's array.
EXPECT = {"check": "affine_forward/inputs-unchanged", "says": "modified its argument `x` in place"}


def affine_forward(x, W, b):
    x.shape = (x.shape[0], -1)
    return x @ W + b
