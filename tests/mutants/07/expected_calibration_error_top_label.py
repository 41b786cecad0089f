# Multi-class code's ECE: confidence max(p, 1 - p), compared with whether the predicted class was right.
EXPECT = {"check": "expected_calibration_error/values", "says": "the top-label ECE"}


def expected_calibration_error(p, y, n_bins):
    if len(p) == 0:
        raise ValueError("no users")
    p, y = np.asarray(p, dtype=float), _labels(y)
    confidence = np.maximum(p, 1 - p)
    correct = ((p >= 0.5) == (y == 1)).astype(float)
    counts, conf, acc = reliability_bins(confidence, correct, n_bins)
    return np.sum(counts / len(p) * np.abs(conf - acc))
