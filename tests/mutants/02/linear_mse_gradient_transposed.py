# A wrong derivation: step 3 with the product in the wrong order, (M, D), reshaped to fit W (D, M).
EXPECT = {"check": "linear_mse_gradient/square", "says": "derivations.py, step 3"}


def linear_mse_gradient(X, W, Y):
    dP = 2 * (X @ W - Y) / Y.size
    return (dP.T @ X).reshape(W.shape)
