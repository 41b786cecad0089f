# No check on lam: a negative lam is solved as if it were a penalty.
EXPECT = {"check": "ridge/negative-lambda", "says": "expected  ValueError"}


def ridge(X, y, lam):
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T @ yc)
    return w, y.mean() - X.mean(axis=0) @ w
