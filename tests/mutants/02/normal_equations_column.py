# y made a column: the solution comes back as (D, 1).
EXPECT = {"check": "normal_equations/noisy-fit", "says": "returned shape (3, 1), expected (3,)"}


def normal_equations(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y.reshape(-1, 1))
