EXPECT = {"check": "temperature_nll/loss", "says": "sums over users, not means", "also": ["temperature_nll/gradient"],
          "affects": ["fit_log_temperature"]}


def temperature_nll(z, y, log_t):
    y = _labels(y)
    u = np.asarray(z, dtype=float) / np.exp(log_t)
    nll = np.sum(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)
    return nll, np.sum((_sigmoid(u) - y) * -u)
