# Shifts and clips the caller's array in place, then returns it.
EXPECT = {"check": "project_simplex/inputs-unchanged", "says": "in place", "also": ["project_simplex/fresh-array"]}


def project_simplex(v, radius=1.0):
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("bad input")
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)
    rho = j[u - (css - radius) / j > 0][-1]
    v -= (css[rho - 1] - radius) / rho
    np.maximum(v, 0.0, out=v)
    return v
