# Ridge as ordinary least squares on augmented rows [X 1; sqrt(lam) I 0] against [y; 0]: b is not penalised.
def ridge(X, y, lam):
    if lam < 0:
        raise ValueError("lam must be >= 0")
    N, D = X.shape
    top = np.column_stack([X, np.ones(N)])
    bottom = np.column_stack([np.sqrt(lam) * np.eye(D), np.zeros(D)])
    theta = np.linalg.lstsq(np.vstack([top, bottom]), np.concatenate([y, np.zeros(D)]), rcond=None)[0]
    return theta[:D], float(theta[D])
