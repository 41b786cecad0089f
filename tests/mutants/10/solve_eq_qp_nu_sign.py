# L = f - nu (A x - b): the same x, the multipliers with the other sign.
EXPECT = {"check": "solve_eq_qp/values", "says": "nu with the other sign", "also": ["solve_eq_qp/kkt-residual"]}


def solve_eq_qp(Q, c, A, b):
    n, m = Q.shape[0], A.shape[0]
    K = np.block([[Q, -A.T], [A, np.zeros((m, m))]])
    if np.linalg.matrix_rank(K) < n + m:
        raise ValueError("singular")
    sol = np.linalg.solve(K, np.concatenate([-c, b]))
    return sol[:n], sol[n:]
