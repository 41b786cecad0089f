# A wrong derivation: the residual as target minus prediction, so the gradient points downhill.
EXPECT = {"check": "linear_mse_gradient/rectangular", "says": "the sign is flipped"}


def linear_mse_gradient(X, W, Y):
    return 2 * X.T @ (Y - X @ W) / Y.size
