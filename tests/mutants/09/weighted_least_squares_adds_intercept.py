# An intercept column prepended "to be safe": theta has D + 1 entries.
EXPECT = {"check": "weighted_least_squares/values", "says": "an intercept column was added",
          "also": ["weighted_least_squares/intercept-column", "weighted_least_squares/duplicated-rows"]}


def weighted_least_squares(X, y, weights):
    X1 = np.column_stack([np.ones(len(X)), X])
    s = np.sqrt(weights)
    return np.linalg.lstsq(X1 * s[:, None], y * s, rcond=None)[0]
