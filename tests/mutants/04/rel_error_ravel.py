# a.ravel() to handle any shape: Python floats have no .ravel().
EXPECT = {"check": "rel_error/scalars", "says": "'float' object has no attribute 'ravel'",
          "passes": ["rel_error/values", "rel_error/both-zero", "rel_error/inputs-unchanged"]}


def rel_error(a, b):
    a, b = a.ravel(), b.ravel()
    return float(np.max(np.abs(a - b) / np.maximum(1e-8, np.abs(a) + np.abs(b))))
