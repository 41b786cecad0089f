# Normalises every point onto the sphere, also those already inside the ball.
EXPECT = {"check": "project_l2_ball/feasible-input", "says": "scaled onto the sphere even from inside the ball",
          "also": ["project_l2_ball/idempotent", "project_l2_ball/fresh-array"]}


def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    return radius * x / np.linalg.norm(x)
