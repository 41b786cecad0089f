# Normalise a copy to sum 1, then 1 / sum(a**2) (the same number for any scale).
def effective_sample_size(weights):
    w = np.asarray(weights, dtype=float)
    if w.size == 0 or w.sum() == 0:
        raise ValueError("all weights are 0")
    a = w / w.sum()
    return 1.0 / np.dot(a, a)
