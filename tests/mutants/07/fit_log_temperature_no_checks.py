# An empty fit split: the mean of nothing is nan, and nan comes back as log T.
EXPECT = {"check": "fit_log_temperature/bad-input", "says": "expected  ValueError"}


def fit_log_temperature(z, y, fit):
    fit = np.asarray(fit, dtype=bool)
    z, y = np.asarray(z, dtype=float)[fit], _labels(y)[fit]
    s = 0.0
    with np.errstate(all="ignore"):
        for _ in range(100):
            _, grad = temperature_nll(z, y, s)
            if abs(grad) < 1e-12:
                break
            u, sig = z / np.exp(s), _sigmoid(z / np.exp(s))
            hess = np.mean((sig - y) * u + sig * (1 - sig) * u**2)
            s -= np.clip(grad / hess if hess > 0 else grad, -1.0, 1.0)
    return s
