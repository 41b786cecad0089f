# One bin at a time, with |sum(p - y)| / N: the weighted gap without forming any mean (derivations.py, 4).
def expected_calibration_error(p, y, n_bins):
    p, y = list(p), list(y)
    if not p or any(label not in (0, 1) for label in y):
        raise ValueError("need users with 0/1 labels")
    gaps = [0.0] * n_bins
    for pi, yi in zip(p, y):
        gaps[min(int(pi * n_bins), n_bins - 1)] += pi - yi
    return sum(abs(g) for g in gaps) / len(p)
