# The mean gap over the bins that hold users: a bin of 1 user counts as much as a bin of 20.
EXPECT = {"check": "expected_calibration_error/values", "says": "an unweighted mean over"}


def expected_calibration_error(p, y, n_bins):
    if len(p) == 0:
        raise ValueError("no users")
    counts, confidence, frequency = reliability_bins(p, y, n_bins)
    return np.mean(np.abs(confidence - frequency)[counts > 0])
