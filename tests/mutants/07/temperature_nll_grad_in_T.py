# The derivative in T, d nll / dT = mean((sigmoid(u) - y) * -u / T), returned as the one in log T.
EXPECT = {"check": "temperature_nll/gradient", "says": "the derivative in T, not in log_t",
          "passes": ["temperature_nll/loss"], "affects": ["fit_log_temperature"]}


def temperature_nll(z, y, log_t):
    y = _labels(y)
    T = np.exp(log_t)
    u = np.asarray(z, dtype=float) / T
    nll = np.mean(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)
    return nll, np.mean((_sigmoid(u) - y) * -u / T)
