# Eliminates x = -Q^{-1}(c + A.T nu) first: fine when Q is invertible, not when only the KKT matrix is.
EXPECT = {"check": "solve_eq_qp/singular-Q", "says": "Q singular"}


def solve_eq_qp(Q, c, A, b):
    Qi = np.linalg.inv(Q)
    nu = np.linalg.solve(A @ Qi @ A.T, -(b + A @ Qi @ c))
    return -Qi @ (c + A.T @ nu), nu
