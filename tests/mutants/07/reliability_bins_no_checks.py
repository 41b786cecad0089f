# No validation: a p of 1.3 is clipped into the last bin instead of refused.
EXPECT = {"check": "reliability_bins/bad-input", "says": "expected  ValueError",
          "affects": ["expected_calibration_error"]}


def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), np.asarray(y, dtype=float)
    b = np.minimum(np.floor(p * n_bins).astype(int), n_bins - 1)
    counts = np.bincount(b, minlength=n_bins).astype(float)
    safe = np.maximum(counts, 1)
    return counts, np.bincount(b, weights=p, minlength=n_bins) / safe, np.bincount(b, weights=y, minlength=n_bins) / safe
