EXPECT = {"check": "log_loss/inputs-unchanged", "says": "modified its argument `p` in place",
          "passes": ["log_loss/values"]}


def log_loss(y, p, eps=1e-15):
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must be probabilities")
    np.clip(p, eps, 1 - eps, out=p)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
