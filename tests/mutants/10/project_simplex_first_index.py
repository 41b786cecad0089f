# Takes the first position passing the test (always position 1) instead of the last.
EXPECT = {"check": "project_simplex/values", "says": "the FIRST position passing the test"}


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("bad input")
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)
    rho = j[u - (css - radius) / j > 0][0]
    return np.maximum(v - (css[rho - 1] - radius) / rho, 0.0)
