# z /= T scales the caller's logits.
EXPECT = {"check": "temperature_nll/inputs-unchanged", "says": "modified its argument `z` in place",
          "affects": ["fit_log_temperature"]}


def temperature_nll(z, y, log_t):
    y = _labels(y)
    z /= np.exp(log_t)
    nll = np.mean(np.maximum(z, 0) + np.log1p(np.exp(-np.abs(z))) - y * z)
    return nll, np.mean((_sigmoid(z) - y) * -z)
