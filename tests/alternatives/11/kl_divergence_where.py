# 0 log 0 = 0 through np.where, with the log's argument kept finite where P is 0.
def kl_divergence(P, Y):
    P = np.asarray(P, dtype=float)
    Q = student_t_affinities(Y)
    safe = np.where(P > 0, P / np.where(P > 0, Q, 1.0), 1.0)
    return float(np.sum(np.where(P > 0, P * np.log(safe), 0.0)))
