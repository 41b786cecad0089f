# np.clip projects onto the box [-r, r]^D, not onto the l2 ball.
EXPECT = {"check": "project_l2_ball/values", "says": "each entry clipped to [-radius, radius]",
          "also": ["project_l2_ball/variational-inequality"]}


def project_l2_ball(x, radius=1.0):
    if radius < 0:
        raise ValueError("radius must be >= 0")
    return np.clip(x, -radius, radius)
