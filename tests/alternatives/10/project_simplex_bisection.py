# No sorting: bisection on theta for sum(maximum(v - theta, 0)) = radius (the function decreases in theta).
def project_simplex(v, radius=1.0):
    v = np.asarray(v, dtype=float)
    if v.ndim != 1 or v.size == 0 or not radius > 0:
        raise ValueError("v must be a non-empty 1-D array and radius > 0")
    lo, hi = v.min() - radius, v.max()
    for _ in range(200):
        mid = (lo + hi) / 2
        if np.maximum(v - mid, 0.0).sum() > radius:
            lo = mid
        else:
            hi = mid
    return np.maximum(v - (lo + hi) / 2, 0.0)
