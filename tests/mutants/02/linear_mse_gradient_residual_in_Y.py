# `R = Y` names the caller's array; `R -= X @ W` then writes the residual Y - P into Y.
EXPECT = {"check": "linear_mse_gradient/inputs-unchanged", "says": "modified its argument `Y` in place",
          "passes": ["linear_mse_gradient/rectangular", "linear_mse_gradient/square", "linear_mse_gradient/one-output"]}


def linear_mse_gradient(X, W, Y):
    R = Y
    R -= X @ W
    return -2 * X.T @ R / R.size
