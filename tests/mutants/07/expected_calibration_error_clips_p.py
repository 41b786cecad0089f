# np.clip(p, 0, 1 - 1e-12, out=p): p = 1.0 moved into the last bin by writing into the caller's p.
EXPECT = {"check": "expected_calibration_error/inputs-unchanged", "says": "modified its argument `p` in place",
          "passes": ["expected_calibration_error/values", "expected_calibration_error/empty-bins-and-p-one"]}


def expected_calibration_error(p, y, n_bins):
    if len(p) == 0:
        raise ValueError("no users")
    np.clip(p, 0, 1 - 1e-12, out=p)
    counts, confidence, frequency = reliability_bins(p, y, n_bins)
    return np.sum(counts / len(p) * np.abs(confidence - frequency))
