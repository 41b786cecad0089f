# b treated as a column: each sample (row) gets its own constant. Runs only when N == M.
EXPECT = {"check": "affine_forward/bias-every-row", "says": "b added down the columns", "affects": ["affine_backward"]}


def affine_forward(x, W, b):
    return x.reshape(x.shape[0], -1) @ W + b[:, None]
