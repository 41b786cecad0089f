# Shrinks onto the unit sphere whatever the radius.
EXPECT = {"check": "project_l2_ball/values", "says": "divided by ||x|| without multiplying by the radius"}


def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    norm = np.linalg.norm(x)
    return np.array(x, dtype=float) if norm <= radius else x / norm
