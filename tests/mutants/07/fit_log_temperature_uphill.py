# s += step: each step climbs the loss instead of descending it.
EXPECT = {"check": "fit_log_temperature/fit-split-only", "says": "fit_log_temperature on"}


def fit_log_temperature(z, y, fit):
    fit = np.asarray(fit, dtype=bool)
    if not fit.any():
        raise ValueError("the fit split is empty")
    z, y = np.asarray(z, dtype=float)[fit], _labels(y)[fit]
    s = 0.0
    for _ in range(50):
        s += 0.5 * temperature_nll(z, y, s)[1]
    return s
