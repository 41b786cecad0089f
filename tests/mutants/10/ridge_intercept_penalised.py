# A column of ones appended to X, so the penalty shrinks b toward 0 as well as w.
EXPECT = {"check": "ridge/values", "says": "the intercept penalised too", "also": ["ridge/lambda-scale"]}


def ridge(X, y, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    Xa = np.column_stack([X, np.ones(len(y))])
    theta = np.linalg.solve(Xa.T @ Xa + lam * np.eye(Xa.shape[1]), Xa.T @ y)
    return theta[:-1], theta[-1]
