# scikit-learn's Ridge uses the sum, as this exercise does; a mean loss (1/N)||r||^2 + lam ||w||^2 scales lam by N.
EXPECT = {"check": "ridge/lambda-scale", "says": "lam on a MEAN loss's scale", "also": ["ridge/values"]}


def ridge(X, y, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    N = len(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc / N + lam * np.eye(X.shape[1]), Xc.T @ yc / N)
    return w, y.mean() - X.mean(axis=0) @ w
