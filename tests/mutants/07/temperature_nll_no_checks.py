# -1/+1 labels go straight into the 0/1 formula.
EXPECT = {"check": "temperature_nll/bad-input", "says": "expected  ValueError"}


def temperature_nll(z, y, log_t):
    u = np.asarray(z, dtype=float) / np.exp(log_t)
    nll = np.mean(np.maximum(u, 0) + np.log1p(np.exp(-np.abs(u))) - y * u)
    return nll, np.mean((_sigmoid(u) - y) * -u)
