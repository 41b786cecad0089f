# Ones on the diagonals of P and Q so the log is finite there; P is the caller's.
EXPECT = {"check": "kl_divergence/inputs-unchanged", "says": "changed the caller's array",
          "also": ["kl_divergence/zero-affinities"]}

def kl_divergence(P, Y):
    Q = student_t_affinities(Y)
    np.fill_diagonal(P, 1.0)
    np.fill_diagonal(Q, 1.0)
    return np.sum(P * np.log(P / Q))
