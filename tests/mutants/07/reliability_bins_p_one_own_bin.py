# floor(p * n_bins) without a clip: p = 1.0 gets index n_bins, and bincount grows an extra bin for it.
EXPECT = {"check": "reliability_bins/p-equals-one", "says": "p = 1.0 given a bin of its own",
          "also": ["reliability_bins/inputs-unchanged"], "passes": ["reliability_bins/values"],
          "affects": ["expected_calibration_error"]}


def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), _labels(y)
    if n_bins < 1 or ((p < 0) | (p > 1)).any():
        raise ValueError("n_bins must be at least 1 and every p in [0, 1]")
    b = np.floor(p * n_bins).astype(int)
    counts = np.bincount(b, minlength=n_bins).astype(float)
    safe = np.maximum(counts, 1)
    return counts, np.bincount(b, weights=p, minlength=n_bins) / safe, np.bincount(b, weights=y, minlength=n_bins) / safe
