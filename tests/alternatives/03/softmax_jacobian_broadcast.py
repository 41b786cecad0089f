# p[:, None] * (I - p[None, :]), via exp(log_softmax).
def softmax_jacobian(z_row):
    p = np.exp(log_softmax(z_row.reshape(1, -1))).ravel()
    return p[:, None] * (np.eye(p.size) - p[None, :])
