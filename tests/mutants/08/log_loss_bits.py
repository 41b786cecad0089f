EXPECT = {"check": "log_loss/values", "says": "log base 2"}


def log_loss(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must be probabilities")
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(y * np.log2(p) + (1 - y) * np.log2(1 - p)))
