# Leaves the caller's logits calibrated: z[:] = z / T after the fit.
EXPECT = {"check": "fit_log_temperature/inputs-unchanged", "says": "modified its argument `z` in place",
          "passes": ["fit_log_temperature/fit-split-only"]}


def fit_log_temperature(z, y, fit):
    fit = np.asarray(fit, dtype=bool)
    if not fit.any():
        raise ValueError("the fit split is empty")
    zf, yf = np.asarray(z, dtype=float)[fit], _labels(y)[fit]
    s = 0.0
    for _ in range(100):
        _, grad = temperature_nll(zf, yf, s)
        u, sig = zf / np.exp(s), _sigmoid(zf / np.exp(s))
        hess = np.mean((sig - yf) * u + sig * (1 - sig) * u**2)
        s -= np.clip(grad / hess if hess > 0 else grad, -1.0, 1.0)
    z[:] = z / np.exp(s)
    return s
