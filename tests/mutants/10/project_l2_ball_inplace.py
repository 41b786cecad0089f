# Scales the caller's array in place.
EXPECT = {"check": "project_l2_ball/inputs-unchanged", "says": "in place"}


def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    norm = np.linalg.norm(x)
    if norm > radius:
        x *= radius / norm
    return x.copy()
