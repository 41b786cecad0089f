# Each p_i differentiated as if it depended on z_i alone.
EXPECT = {"check": "softmax_jacobian/ordinary", "says": "derivations.py, step 1 (dS/dz_k): the denominator S = sum_j exp(z_j) depends on every logit"}


def softmax_jacobian(z_row):
    p = softmax(z_row[None, :])[0]
    return np.diag(p * (1 - p))
