# The two terms subtracted the wrong way round.
EXPECT = {"check": "softmax_jacobian/ordinary", "says": "the sign is flipped"}


def softmax_jacobian(z_row):
    p = softmax(z_row[None, :])[0]
    return np.outer(p, p) - np.diag(p)
