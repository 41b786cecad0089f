# One formula for inside and outside: divide by max(1, ||x|| / radius), radius 0 handled apart.
def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    x = np.asarray(x, dtype=float)
    if radius == 0:
        return np.zeros_like(x)
    return x / max(1.0, np.linalg.norm(x) / radius)
