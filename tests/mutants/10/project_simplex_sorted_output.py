# Subtracts theta from the sorted copy: the right numbers, in the wrong places.
EXPECT = {"check": "project_simplex/values", "says": "the answer in sorted order"}


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("bad input")
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)
    rho = j[u - (css - radius) / j > 0][-1]
    return np.maximum(u - (css[rho - 1] - radius) / rho, 0.0)
