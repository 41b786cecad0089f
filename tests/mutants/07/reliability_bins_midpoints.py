# The bin's middle as its confidence, the way a diagram's x axis is often drawn.
EXPECT = {"check": "reliability_bins/values", "says": "the bin midpoints", "affects": ["expected_calibration_error"]}


def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), _labels(y)
    if n_bins < 1 or ((p < 0) | (p > 1)).any():
        raise ValueError("n_bins must be at least 1 and every p in [0, 1]")
    b = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(b, minlength=n_bins).astype(float)
    middles = (np.arange(n_bins) + 0.5) / n_bins * (counts > 0)
    return counts, middles, np.bincount(b, weights=y, minlength=n_bins) / np.maximum(counts, 1)
