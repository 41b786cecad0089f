# A shortcut for feasible input that hands back the caller's own array.
EXPECT = {"check": "project_simplex/fresh-array", "says": "returned the caller's own array"}


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("bad input")
    if v.min() >= 0 and np.isclose(v.sum(), radius):
        return v
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)
    rho = j[u - (css - radius) / j > 0][-1]
    return np.maximum(v - (css[rho - 1] - radius) / rho, 0.0)
