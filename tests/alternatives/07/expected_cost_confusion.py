# Through a confusion matrix, with a Python float threshold compare, and best_threshold as 1 / (1 + c_fn / c_fp).
def expected_cost(p, y, threshold, c_fp, c_fn):
    y = np.asarray(y)
    if y.size == 0 or not np.isin(y, [0, 1]).all():
        raise ValueError("need users with 0/1 labels")
    decision = np.where(np.asarray(p) >= threshold, 1, 0)
    confusion = np.zeros((2, 2))
    np.add.at(confusion, (y.astype(int), decision), 1)
    return (c_fp * confusion[0, 1] + c_fn * confusion[1, 0]) / y.size


def best_threshold(c_fp, c_fn):
    c_fp, c_fn = np.asarray(c_fp, dtype=float), np.asarray(c_fn, dtype=float)
    if np.any(c_fp < 0) or np.any(c_fn < 0) or np.any(c_fp + c_fn <= 0):
        raise ValueError("costs must be >= 0, not both 0")
    with np.errstate(divide="ignore"):
        return 1 / (1 + c_fn / c_fp)
