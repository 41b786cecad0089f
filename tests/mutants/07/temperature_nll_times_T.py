# The temperature multiplies the logits instead of dividing them.
EXPECT = {"check": "temperature_nll/loss", "says": "u = z * T instead of z / T", "affects": ["fit_log_temperature"]}


def temperature_nll(z, y, log_t):
    y = _labels(y)
    u = np.asarray(z, dtype=float) * np.exp(log_t)
    nll = np.mean(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)
    return nll, np.mean((_sigmoid(u) - y) * u)
