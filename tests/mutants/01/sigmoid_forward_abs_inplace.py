# |x| for the stable form written into x itself: np.asarray does not copy a float array, so the caller's x changes.
EXPECT = {"check": "sigmoid_forward/input-unchanged", "says": "modified its argument `x` in place", "affects": ["sigmoid_backward"],
          "also": ["sigmoid_backward/inputs-unchanged"],
          "passes": ["sigmoid_forward/mixed-signs", "sigmoid_forward/shapes", "sigmoid_forward/no-overflow"]}


def sigmoid_forward(x):
    x = np.asarray(x, dtype=float)
    neg = x < 0
    x[neg] = -x[neg]
    z = np.exp(-x)
    return np.where(neg, z / (1 + z), 1 / (1 + z))
