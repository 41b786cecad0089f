EXPECT = {"check": "normal_equations/noisy-fit", "says": "with (X.T @ X) never solved", "also": ["normal_equations/exact-fit"]}


def normal_equations(X, y):
    return X.T @ y
