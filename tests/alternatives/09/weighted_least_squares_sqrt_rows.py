# Each row of X and y scaled by sqrt(w) once, then ordinary least squares (lstsq).
def weighted_least_squares(X, y, weights):
    s = np.sqrt(np.asarray(weights, dtype=float))
    return np.linalg.lstsq(np.asarray(X, float) * s[:, None], np.asarray(y, float) * s, rcond=None)[0]
