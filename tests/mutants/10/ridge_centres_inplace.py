# Centres the caller's X and y in place; the answer is right, the caller's data are not.
EXPECT = {"check": "ridge/inputs-unchanged", "says": "in place"}


def ridge(X, y, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    xbar, ybar = X.mean(axis=0), y.mean()
    X -= xbar
    y -= ybar
    w = np.linalg.solve(X.T @ X + lam * np.eye(X.shape[1]), X.T @ y)
    return w, ybar - xbar @ w
