# x used as it comes: fine for 2-D x, wrong shape or a crash for (N, d1, ..., dk).
EXPECT = {"check": "affine_forward/keeps-N-rows", "says": "a reshape or a transpose?", "affects": ["affine_backward"]}


def affine_forward(x, W, b):
    return x @ W + b
