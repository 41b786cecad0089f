# Gradient steps on T itself (lr = 1): where the best T is small the loss curves sharply in T, a step
# overshoots past 0, T goes negative, and log(T) is nan.
EXPECT = {"check": "fit_log_temperature/sharpens", "says": "T went negative"}


def fit_log_temperature(z, y, fit):
    fit = np.asarray(fit, dtype=bool)
    if not fit.any():
        raise ValueError("the fit split is empty")
    z, y = np.asarray(z, dtype=float)[fit], _labels(y)[fit]
    T = 1.0
    for _ in range(200):
        grad_T = temperature_nll(z, y, np.log(T))[1] / T if T > 0 else np.nan
        T = T - grad_T
    with np.errstate(invalid="ignore"):
        return np.log(T)
