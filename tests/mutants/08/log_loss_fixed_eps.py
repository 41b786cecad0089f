# eps hard-coded to 1e-15, the argument ignored.
EXPECT = {"check": "log_loss/eps", "says": "eps ignored (1e-15 used)", "passes": ["log_loss/values", "log_loss/p-at-0-and-1"]}


def log_loss(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must be probabilities")
    p = np.clip(p, 1e-15, 1 - 1e-15)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
