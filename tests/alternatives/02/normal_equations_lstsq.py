def normal_equations(X, y):
    w, *_ = np.linalg.lstsq(X, y, rcond=None)
    return w
