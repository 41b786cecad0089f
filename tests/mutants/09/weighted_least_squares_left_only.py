# W on the left-hand side of the normal equations only.
EXPECT = {"check": "weighted_least_squares/values", "says": "W on the left side only"}


def weighted_least_squares(X, y, weights):
    return np.linalg.solve(X.T @ np.diag(weights) @ X, X.T @ y)
