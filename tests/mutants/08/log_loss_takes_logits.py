# No range check: logits are silently clipped into [eps, 1 - eps] and scored as probabilities.
EXPECT = {"check": "log_loss/not-probabilities", "says": "expected  ValueError",
          "passes": ["log_loss/values", "log_loss/p-at-0-and-1"]}


def log_loss(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.clip(np.asarray(p, dtype=float), eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
