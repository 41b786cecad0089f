# The other clipping the docstring allows (p and 1 - p each to [eps, 1]), and np.where to pick the
# log each label pays.
def log_loss(y, p, eps=1e-15):
    p = np.asarray(p, dtype=float)
    if ((p < 0) | (p > 1)).any():
        raise ValueError("p must lie in [0, 1]")
    paid = np.where(np.asarray(y) == 1, np.clip(p, eps, 1), np.clip(1 - p, eps, 1))
    return -np.log(paid).mean()
