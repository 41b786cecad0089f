# The classic off-by-one: rho is a 0-based index, and theta divides by it instead of by rho + 1.
EXPECT = {"check": "project_simplex/values", "says": "theta divided by the 0-based index rho",
          "also": ["project_simplex/variational-inequality", "project_simplex/radius", "project_simplex/idempotent"]}


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("bad input")
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    rho = np.nonzero(u * np.arange(1, v.size + 1) > (css - radius))[0][-1]
    theta = (css[rho] - radius) / rho
    return np.maximum(v - theta, 0.0)
