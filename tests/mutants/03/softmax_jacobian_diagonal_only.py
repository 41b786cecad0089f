# Each p_i differentiated as if it depended on z_i alone.
EXPECT = {"check": "softmax_jacobian/ordinary", "says": "only the diagonal"}


def softmax_jacobian(z_row):
    p = softmax(z_row[None, :])[0]
    return np.diag(p * (1 - p))
