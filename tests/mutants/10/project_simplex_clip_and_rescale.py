# Feasible, but not the nearest point: negatives to 0, then a rescale to the radius.
EXPECT = {"check": "project_simplex/values", "says": "negative entries clipped to 0, then rescaled",
          "also": ["project_simplex/variational-inequality"]}


def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("bad input")
    x = np.maximum(v, 0.0)
    return x * radius / x.sum()
