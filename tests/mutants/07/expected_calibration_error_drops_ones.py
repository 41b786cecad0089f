# Its own binning with np.digitize on np.linspace edges: p = 1.0 lands past the last bin and is dropped.
EXPECT = {"check": "expected_calibration_error/empty-bins-and-p-one", "says": "users with p = 1.0 left out",
          "passes": ["expected_calibration_error/values"]}


def expected_calibration_error(p, y, n_bins):
    if len(p) == 0:
        raise ValueError("no users")
    p, y = np.asarray(p, dtype=float), _labels(y)
    b = np.digitize(p, np.linspace(0, 1, n_bins + 1)) - 1
    total = 0.0
    for i in range(n_bins):
        inside = b == i
        if inside.any():
            total += inside.sum() / len(p) * abs(p[inside].mean() - y[inside].mean())
    return total
