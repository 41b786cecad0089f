# rho as the first position that FAILS the test: right unless every entry is kept (then argmin is 0).
EXPECT = {"check": "project_simplex/ties-and-extremes", "says": "entry kept"}


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("bad input")
    u = np.sort(v)[::-1]
    css = np.cumsum(u)
    j = np.arange(1, v.size + 1)
    rho = int(np.argmin(u - (css - radius) / j > 0))
    with np.errstate(all="ignore"):
        return np.maximum(v - (css[rho - 1] - radius) / rho, 0.0)
