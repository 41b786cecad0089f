# The sort-based algorithm written as a loop over positions 1..D, keeping the last that passes.
def project_simplex(v, radius=1.0):
    if np.ndim(v) != 1 or np.size(v) == 0 or radius <= 0:
        raise ValueError("v must be a non-empty 1-D array and radius > 0")
    u = sorted((float(a) for a in v), reverse=True)
    total, theta = 0.0, 0.0
    for j, uj in enumerate(u, start=1):
        total += uj
        if uj - (total - radius) / j > 0:
            theta = (total - radius) / j
    return np.array([max(float(a) - theta, 0.0) for a in v])
