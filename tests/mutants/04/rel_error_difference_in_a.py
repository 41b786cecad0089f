# The denominator first, then `a -= b` to get the difference "without a new array": the caller's a changes.
EXPECT = {"check": "rel_error/inputs-unchanged", "says": "modified its argument `a` in place",
          "passes": ["rel_error/values", "rel_error/both-zero", "rel_error/scalars"]}


def rel_error(a, b):
    scale = np.maximum(1e-8, np.abs(a) + np.abs(b))
    a -= b
    return float(np.max(np.abs(a) / scale))
