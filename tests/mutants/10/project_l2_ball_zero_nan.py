# x / ||x|| * min(||x||, r): right everywhere except 0 / 0 at the zero vector.
EXPECT = {"check": "project_l2_ball/feasible-input", "says": "0 / 0 at the zero vector"}


def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    norm = np.linalg.norm(x)
    return x / norm * min(norm, radius)
