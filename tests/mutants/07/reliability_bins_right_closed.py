# np.digitize(..., right=True): bins (lo, hi], so a p exactly on an inner edge joins the bin below.
EXPECT = {"check": "reliability_bins/bin-edges", "says": "bins closed on the right",
          "passes": ["reliability_bins/values", "reliability_bins/p-equals-one"], "affects": ["expected_calibration_error"]}


def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), _labels(y)
    if n_bins < 1 or ((p < 0) | (p > 1)).any():
        raise ValueError("n_bins must be at least 1 and every p in [0, 1]")
    b = np.digitize(p, np.linspace(0, 1, n_bins + 1)[1:-1], right=True)
    counts = np.bincount(b, minlength=n_bins).astype(float)
    safe = np.maximum(counts, 1)
    return counts, np.bincount(b, weights=p, minlength=n_bins) / safe, np.bincount(b, weights=y, minlength=n_bins) / safe
