# No check on the radius: min(1, r / ||x||) with r < 0 flips x through the origin.
EXPECT = {"check": "project_l2_ball/negative-radius", "says": "expected  ValueError"}


def project_l2_ball(x, radius=1.0):
    norm = np.linalg.norm(x)
    return x * min(1.0, radius / norm) if norm > 0 else np.array(x, dtype=float)
