# Centres correctly for w, then takes b = mean(y), forgetting the features' means.
EXPECT = {"check": "ridge/intercept", "says": "b = y.mean(), without - X.mean(axis=0) @ w"}


def ridge(X, y, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + lam * np.eye(X.shape[1]), Xc.T @ yc)
    return w, y.mean()
