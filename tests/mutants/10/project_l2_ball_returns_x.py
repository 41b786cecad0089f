# Returns the caller's own array when x is inside the ball.
EXPECT = {"check": "project_l2_ball/fresh-array", "says": "returned the caller's own array"}


def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    norm = np.linalg.norm(x)
    return x if norm <= radius else x * (radius / norm)
