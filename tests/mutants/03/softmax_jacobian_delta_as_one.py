# The quotient rule with d e_i / d z_k = e_i for every k (the Kronecker delta read as 1):
# J[i, k] = p_i * (1 - p_k), right on the diagonal, wrong off it.
EXPECT = {"check": "softmax_jacobian/ordinary",
          "says": "d e_i / d z_k is e_i when k == i and 0 when k != i"}


def softmax_jacobian(z_row):
    p = softmax(z_row[None, :])[0]
    return np.outer(p, 1 - p)
