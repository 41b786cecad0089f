# No users: 0 / 0 returns nan (with a warning) instead of a clear error.
EXPECT = {"check": "expected_calibration_error/bad-input", "says": "expected  ValueError"}


def expected_calibration_error(p, y, n_bins):
    counts, confidence, frequency = reliability_bins(p, y, n_bins)
    return np.sum(counts * np.abs(confidence - frequency)) / len(p)
