# p = 1.0 nudged into the last bin in place: right bins, but the caller's p has changed.
EXPECT = {"check": "reliability_bins/inputs-unchanged", "says": "modified its argument `p` in place",
          "passes": ["reliability_bins/p-equals-one"], "affects": ["expected_calibration_error"]}


def reliability_bins(p, y, n_bins):
    y = _labels(y)
    if n_bins < 1 or ((p < 0) | (p > 1)).any():
        raise ValueError("n_bins must be at least 1 and every p in [0, 1]")
    p[p >= 1] = 1 - 1e-12
    b = np.floor(p * n_bins).astype(int)
    counts = np.bincount(b, minlength=n_bins).astype(float)
    safe = np.maximum(counts, 1)
    return counts, np.bincount(b, weights=p, minlength=n_bins) / safe, np.bincount(b, weights=y, minlength=n_bins) / safe
