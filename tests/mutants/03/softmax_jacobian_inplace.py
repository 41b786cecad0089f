# Shifts the caller's row in place before exponentiating.
EXPECT = {"check": "softmax_jacobian/input-unchanged", "says": "modified its argument `z_row` in place"}


def softmax_jacobian(z_row):
    z_row -= np.max(z_row)
    p = np.exp(z_row) / np.sum(np.exp(z_row))
    return np.diag(p) - np.outer(p, p)
