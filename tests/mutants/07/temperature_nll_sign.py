# d u / d log_t taken as +u: the gradient points uphill.
EXPECT = {"check": "temperature_nll/gradient", "says": "the gradient's sign is flipped",
          "also": ["temperature_nll/own-loss"],
          "passes": ["temperature_nll/loss"], "affects": ["fit_log_temperature"]}


def temperature_nll(z, y, log_t):
    y = _labels(y)
    u = np.asarray(z, dtype=float) / np.exp(log_t)
    nll = np.mean(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)
    return nll, np.mean((_sigmoid(u) - y) * u)
