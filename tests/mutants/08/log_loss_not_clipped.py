# The formula as written, no clipping: log(0) = -inf, and 0 * -inf = nan for a right answer at p = 0.
EXPECT = {"check": "log_loss/p-at-0-and-1", "says": "divide by zero",
          "passes": ["log_loss/values", "log_loss/not-probabilities"], "also": ["log_loss/eps"]}


def log_loss(y, p, eps=1e-15):
    y, p = np.asarray(y, dtype=float), np.asarray(p, dtype=float)
    if np.any((p < 0) | (p > 1)):
        raise ValueError("p must be probabilities")
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
