# Sums divided by counts: an empty bin is 0 / 0, a nan, with a NumPy warning.
EXPECT = {"check": "reliability_bins/empty-bins", "says": "NumPy warned", "affects": ["expected_calibration_error"]}


def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), _labels(y)
    if n_bins < 1 or ((p < 0) | (p > 1)).any():
        raise ValueError("n_bins must be at least 1 and every p in [0, 1]")
    b = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(b, minlength=n_bins).astype(float)
    return counts, np.bincount(b, weights=p, minlength=n_bins) / counts, np.bincount(b, weights=y, minlength=n_bins) / counts
