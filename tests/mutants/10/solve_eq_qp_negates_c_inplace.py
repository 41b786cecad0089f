# Builds the right-hand side by negating the caller's c in place.
EXPECT = {"check": "solve_eq_qp/inputs-unchanged", "says": "in place"}


def solve_eq_qp(Q, c, A, b):
    n, m = Q.shape[0], A.shape[0]
    K = np.block([[Q, A.T], [A, np.zeros((m, m))]])
    if np.linalg.matrix_rank(K) < n + m:
        raise ValueError("singular")
    c *= -1
    sol = np.linalg.solve(K, np.concatenate([c, b]))
    return sol[:n], sol[n:]
