# lstsq returns (solution, residuals, rank, singular values).
EXPECT = {"check": "normal_equations/noisy-fit", "says": "returned a tuple"}


def normal_equations(X, y):
    return np.linalg.lstsq(X, y, rcond=None)
