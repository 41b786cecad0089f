# sqrt(w) scaling written into the caller's X: right theta, X changed.
EXPECT = {"check": "weighted_least_squares/inputs-unchanged", "says": "modified its argument `X` in place",
          "passes": ["weighted_least_squares/values"]}


def weighted_least_squares(X, y, weights):
    s = np.sqrt(weights)
    X *= s[:, None]
    return np.linalg.lstsq(X, y * s, rcond=None)[0]
