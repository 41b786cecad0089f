# The null-space method: x = x_p + Z z with A Z = 0, then nu from A.T nu = -(Q x + c). Works for a singular Q too.
def solve_eq_qp(Q, c, A, b):
    m, n = A.shape
    if np.linalg.matrix_rank(A) < m:
        raise ValueError("A's rows are linearly dependent: the multipliers are not unique")
    x_p = np.linalg.lstsq(A, b, rcond=None)[0]
    Z = np.linalg.svd(A)[2][m:].T                    # an orthonormal basis of A's null space, (n, n - m)
    z = np.linalg.solve(Z.T @ Q @ Z, -Z.T @ (Q @ x_p + c))
    x = x_p + Z @ z
    nu = np.linalg.lstsq(A.T, -(Q @ x + c), rcond=None)[0]
    return x, nu
