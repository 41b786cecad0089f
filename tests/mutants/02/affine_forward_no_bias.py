EXPECT = {"check": "affine_forward/rectangular", "says": "b is left out", "affects": ["affine_backward"]}


def affine_forward(x, W, b):
    return x.reshape(x.shape[0], -1) @ W
