EXPECT = {"check": "rel_error/values", "says": "one number expected"}


def rel_error(a, b):
    return np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))
