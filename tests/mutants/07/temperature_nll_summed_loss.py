# The loss summed over users while the gradient is a mean: the two no longer belong together.
EXPECT = {"check": "temperature_nll/loss", "says": "sums over users, not means",
          "passes": ["temperature_nll/gradient"],
          "note": ("temperature_nll/own-loss", "disagrees with central differences of your own temperature_nll"),
          "affects": ["fit_log_temperature"]}


def temperature_nll(z, y, log_t):
    y = _labels(y)
    u = np.asarray(z, dtype=float) / np.exp(log_t)
    nll = np.sum(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)
    return nll, np.mean((_sigmoid(u) - y) * -u)
