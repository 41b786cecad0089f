# The chain rule with du/d(log_t) = -z: T left out of the inner derivative.
EXPECT = {"check": "temperature_nll/gradient", "says": "du/d(log_t) taken as -z",
          "passes": ["temperature_nll/loss"], "affects": ["fit_log_temperature"]}


def temperature_nll(z, y, log_t):
    y, z = _labels(y), np.asarray(z, dtype=float)
    u = z / np.exp(log_t)
    nll = np.mean(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)
    return nll, np.mean((_sigmoid(u) - y) * -z)
