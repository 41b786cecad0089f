# KL(Q || P) instead of KL(P || Q).
EXPECT = {"check": "kl_divergence/values", "says": "the arguments swapped"}

def kl_divergence(P, Y):
    Q = student_t_affinities(Y)
    off = P > 0
    return np.sum(Q[off] * np.log(Q[off] / P[off]))
