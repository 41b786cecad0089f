# `N, M = Y.shape` for the mean's N * M: a one-output y of shape (N,) has no M to unpack.
EXPECT = {"check": "linear_mse_gradient/one-output", "says": "not enough values to unpack",
          "passes": ["linear_mse_gradient/rectangular", "linear_mse_gradient/square", "linear_mse_gradient/inputs-unchanged"]}


def linear_mse_gradient(X, W, Y):
    N, M = Y.shape
    return 2 * X.T @ (X @ W - Y) / (N * M)
