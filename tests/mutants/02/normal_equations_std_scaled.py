# Columns divided by their standard deviation "for conditioning": a column of ones (the intercept) has std 0.
EXPECT = {"check": "normal_equations/line-with-intercept", "says": "returned nan",
          "passes": ["normal_equations/noisy-fit", "normal_equations/exact-fit", "normal_equations/inputs-unchanged"]}


def normal_equations(X, y):
    scale = X.std(axis=0)
    Xs = X / scale
    return np.linalg.solve(Xs.T @ Xs, Xs.T @ y) / scale
