# One step per row, rebuilt with np.array: right for 1-D, 2-D and 3-D w, but a 0-d w has no rows.
EXPECT = {"check": "sgd_step/shapes", "says": "0-d", "passes": ["sgd_step/values", "sgd_step/inputs-unchanged"]}


def sgd_step(w, grad, lr):
    return np.array([w_row - lr * g_row for w_row, g_row in zip(w, grad)])
