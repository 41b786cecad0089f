# Jumps straight to the minimiser: meets the tolerance, but is not gradient descent.
EXPECT = {"check": "gd_to_tolerance/same-path-as-gd", "says": "solved for directly"}


def gd_to_tolerance(A, b, w0, tol, max_steps):
    return np.linalg.solve(A, b), 0
