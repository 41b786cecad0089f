# Skips the diagonal but not the pairs with P = 0: 0 * log(0) = nan.
EXPECT = {"check": "kl_divergence/zero-affinities", "says": "0 * log 0 = 0"}

def kl_divergence(P, Y):
    P, Q = np.asarray(P, dtype=float), student_t_affinities(Y)
    off = ~np.eye(len(P), dtype=bool)
    return np.sum(P[off] * np.log(P[off] / Q[off]))
