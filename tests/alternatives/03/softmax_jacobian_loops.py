# J[i, k] = p_i * (delta_ik - p_k), entry by entry, with its own stable softmax.
def softmax_jacobian(z_row):
    e = np.exp(z_row - np.max(z_row))
    p = e / e.sum()
    c = len(p)
    J = np.zeros((c, c))
    for i in range(c):
        for k in range(c):
            J[i, k] = p[i] * ((1.0 if i == k else 0.0) - p[k])
    return J
