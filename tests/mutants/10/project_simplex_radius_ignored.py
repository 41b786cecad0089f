# Always projects onto the probability simplex (sum 1).
EXPECT = {"check": "project_simplex/radius", "says": "radius ignored"}


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("bad input")
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)
    rho = j[u - (css - 1) / j > 0][-1]
    return np.maximum(v - (css[rho - 1] - 1) / rho, 0.0)
