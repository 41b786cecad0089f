# Ordinary least squares: the weights never enter.
EXPECT = {"check": "weighted_least_squares/values", "says": "the weights ignored",
          "also": ["weighted_least_squares/duplicated-rows", "weighted_least_squares/intercept-column",
                   "weighted_least_squares/inputs-unchanged"]}


def weighted_least_squares(X, y, weights):
    return np.linalg.lstsq(X, y, rcond=None)[0]
