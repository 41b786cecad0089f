# Rows scaled by sqrt(w), then the scaled rows weighted again: X.T W^2 X.
EXPECT = {"check": "weighted_least_squares/values", "says": "sqrt(w) row scaling applied twice",
          "also": ["weighted_least_squares/duplicated-rows", "weighted_least_squares/intercept-column"]}


def weighted_least_squares(X, y, weights):
    s = np.sqrt(weights)
    Xs, ys = X * s[:, None], y * s
    return np.linalg.solve(Xs.T @ np.diag(weights) @ Xs, Xs.T @ np.diag(weights) @ ys)
