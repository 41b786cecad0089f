# The second term written p * p (a vector, broadcast down the rows) where the outer product is meant.
EXPECT = {"check": "softmax_jacobian/ordinary", "says": "p * p where the outer product is meant"}


def softmax_jacobian(z_row):
    p = softmax(np.reshape(z_row, (1, -1)))[0]
    return np.diag(p) - p * p
