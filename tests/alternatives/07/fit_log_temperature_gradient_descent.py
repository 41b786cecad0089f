# Plain gradient steps in s = log T (no Newton): more steps, the same minimum.
def fit_log_temperature(z, y, fit):
    fit = np.asarray(fit, dtype=bool)
    if fit.sum() == 0:
        raise ValueError("empty fit split")
    z, y = np.asarray(z, dtype=float)[fit], np.asarray(y, dtype=float)[fit]
    s = 0.0
    for _ in range(20000):
        _, grad = temperature_nll(z, y, s)
        if abs(grad) < 1e-11:
            break
        s -= 0.5 * grad
    return s
