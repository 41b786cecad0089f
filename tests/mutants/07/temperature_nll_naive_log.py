# The textbook form: log of the sigmoid. At logits of ±1000, exp overflows and p rounds to 0 or 1: log(0).
EXPECT = {"check": "temperature_nll/no-overflow", "says": "NumPy warned", "passes": ["temperature_nll/loss"],
          "affects": ["fit_log_temperature"]}


def temperature_nll(z, y, log_t):
    y = _labels(y)
    u = np.asarray(z, dtype=float) / np.exp(log_t)
    p = 1 / (1 + np.exp(-u))
    nll = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))
    return nll, np.mean((p - y) * -u)
