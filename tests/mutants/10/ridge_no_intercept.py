# The textbook formula without an intercept: fine for centred data, wrong for data far from 0.
EXPECT = {"check": "ridge/intercept", "says": "no intercept", "also": ["ridge/values"]}


def ridge(X, y, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    return np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y), 0.0
