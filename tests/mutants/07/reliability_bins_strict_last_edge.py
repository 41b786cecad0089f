# A loop over the edges with `lo <= p < hi` for every bin: p = 1.0 is in none of them.
EXPECT = {"check": "reliability_bins/p-equals-one", "says": "p = 1.0 left out of every bin",
          "passes": ["reliability_bins/values", "reliability_bins/bin-edges"], "affects": ["expected_calibration_error"]}


def reliability_bins(p, y, n_bins):
    p, y = np.asarray(p, dtype=float), _labels(y)
    if n_bins < 1 or ((p < 0) | (p > 1)).any():
        raise ValueError("n_bins must be at least 1 and every p in [0, 1]")
    edges = np.linspace(0, 1, n_bins + 1)
    counts, confidence, frequency = np.zeros(n_bins), np.zeros(n_bins), np.zeros(n_bins)
    for i in range(n_bins):
        inside = (p >= edges[i]) & (p < edges[i + 1])
        counts[i] = inside.sum()
        if counts[i]:
            confidence[i], frequency[i] = p[inside].mean(), y[inside].mean()
    return counts, confidence, frequency
