# No input checks: a 2-D v or radius <= 0 gives a number or an IndexError, not the documented ValueError.
EXPECT = {"check": "project_simplex/bad-input", "says": "expected  ValueError"}


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float).ravel()
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)
    rho = j[u - (css - radius) / j > 0][-1]
    return np.maximum(v - (css[rho - 1] - radius) / rho, 0.0)
