EXPECT = {"check": "log_loss/values", "says": "the labels' roles swapped"}


def log_loss(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must be probabilities")
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean((1 - y) * np.log(p) + y * np.log(1 - p)))
