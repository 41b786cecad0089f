# Fitted on every user: the held-out split, meant to judge the calibration, shaped it too.
EXPECT = {"check": "fit_log_temperature/fit-split-only", "says": "fitted on every user, the held-out ones too"}


def fit_log_temperature(z, y, fit):
    fit = np.asarray(fit, dtype=bool)
    if not fit.any():
        raise ValueError("the fit split is empty")
    z, y = np.asarray(z, dtype=float), _labels(y)
    s = 0.0
    for _ in range(100):
        _, grad = temperature_nll(z, y, s)
        u = z / np.exp(s)
        sig = _sigmoid(u)
        hess = np.mean((sig - y) * u + sig * (1 - sig) * u**2)
        s -= np.clip(grad / hess if hess > 0 else grad, -1.0, 1.0)
    return s
