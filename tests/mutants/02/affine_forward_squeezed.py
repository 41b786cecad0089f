# np.squeeze(x) to drop the "extra" axes of (N, 1, D): an image-like (N, d1, d2) has none to drop, and stays 3-D.
EXPECT = {"check": "affine_forward/multi-dim-input", "says": "raised on x of shape (2, 2, 3)",
          "passes": ["affine_forward/rectangular", "affine_forward/bias-every-row", "affine_forward/keeps-N-rows"]}


def affine_forward(x, W, b):
    return np.squeeze(x) @ W + b
