# Columns scaled to unit length with `X /= ...`: right weights, but the caller's X is rescaled.
EXPECT = {"check": "normal_equations/inputs-unchanged", "says": "modified its argument `X` in place",
          "passes": ["normal_equations/noisy-fit", "normal_equations/exact-fit", "normal_equations/line-with-intercept"]}


def normal_equations(X, y):
    scale = np.linalg.norm(X, axis=0)
    X /= scale
    return np.linalg.solve(X.T @ X, X.T @ y) / scale
