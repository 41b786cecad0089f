# The ranking metrics' guard copied over: log-loss is defined for one class, and raises here.
EXPECT = {"check": "log_loss/single-class", "says": "ValueError", "passes": ["log_loss/values", "log_loss/eps"]}


def log_loss(y, p, eps=1e-15):
    y = _both_classes(y).astype(float)
    p = np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must be probabilities")
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
