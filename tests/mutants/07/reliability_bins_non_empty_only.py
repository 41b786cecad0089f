# As sklearn's calibration_curve: only the bins that hold users are returned.
EXPECT = {"check": "reliability_bins/empty-bins", "says": "only the non-empty bins returned",
          "affects": ["expected_calibration_error"]}


def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), _labels(y)
    if n_bins < 1 or ((p < 0) | (p > 1)).any():
        raise ValueError("n_bins must be at least 1 and every p in [0, 1]")
    b = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(b, minlength=n_bins).astype(float)
    full = counts > 0
    confidence = np.bincount(b, weights=p, minlength=n_bins)[full] / counts[full]
    frequency = np.bincount(b, weights=y, minlength=n_bins)[full] / counts[full]
    return counts[full], confidence, frequency
